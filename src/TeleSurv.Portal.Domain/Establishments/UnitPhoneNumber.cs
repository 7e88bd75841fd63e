using System.Text;

namespace TeleSurv.Portal.Domain.Establishments;

/// <summary>
/// The oncology unit's number as patients will dial it from home: a French ten-digit number
/// (<c>02 61 91 00 11</c>) or an international one (<c>+33 2 61 91 00 11</c>, <c>0032 …</c>). Written the way a
/// French patient reads it aloud, in pairs, whatever spaces, dots or dashes were typed.
/// </summary>
public static class UnitPhoneNumber
{
    /// <summary>The written form of <paramref name="input"/>, or null when it is not a number a patient can dial.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var digits = new StringBuilder(input.Length);
        var international = false;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && digits.Length == 0 && !international)
            {
                international = true;
            }
            else if (c is not (' ' or '.' or '-' or '(' or ')' or '\u00A0'))
            {
                return null;
            }
        }

        var number = digits.ToString();
        if (!international && number.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            number = number[2..];
        }

        if (international)
        {
            // E.164: a country code and at most fifteen digits in all; a French number (+33) is then nine digits.
            if (number.StartsWith("33", StringComparison.Ordinal))
            {
                var national = number[2..].TrimStart('0');
                return national.Length == 9 && national[0] != '0' ? "+33 " + national[0] + " " + Pairs(national[1..]) : null;
            }

            return number.Length is >= 8 and <= 15 && number[0] != '0' ? "+" + number : null;
        }

        return number.Length == 10 && number[0] == '0' && number[1] != '0' ? Pairs(number) : null;
    }

    private static string Pairs(string digits)
    {
        var written = new StringBuilder(digits.Length * 3 / 2);
        for (var i = 0; i < digits.Length; i += 2)
        {
            if (written.Length > 0)
            {
                written.Append(' ');
            }

            written.Append(digits, i, Math.Min(2, digits.Length - i));
        }

        return written.ToString();
    }
}
