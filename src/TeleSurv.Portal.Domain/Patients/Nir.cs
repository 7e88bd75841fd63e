using System.Globalization;

namespace TeleSurv.Portal.Domain.Patients;

/// <summary>What is wrong with a NIR or NIA: a refusal (format, key) or a warning (traits that disagree).</summary>
public enum NirProblem
{
    /// <summary>Not 15 characters: a sex digit 1-8, 12 more (the département may be 2A or 2B) and a 2-digit key.</summary>
    Malformed = 0,

    /// <summary>The key is not 97 minus the first 13 digits modulo 97: a digit was mistyped.</summary>
    WrongKey = 1,

    /// <summary>The sex digit says the other sex than the one declared.</summary>
    SexMismatch = 2,

    /// <summary>Digits 2-3 are not the last two digits of the birth year.</summary>
    BirthYearMismatch = 3,

    /// <summary>Digits 4-5 are a calendar month that is not the birth month.</summary>
    BirthMonthMismatch = 4,
}

/// <summary>
/// The matricule of an INS (NIR, or NIA while a NIR is pending; the "numéro de sécurité sociale"): 13 characters
/// and a key. The key is 97 minus the 13-digit number modulo 97, Corsica's 2A and 2B counting as 19 and 18.
/// </summary>
/// <remarks>
/// The traits it encodes are checked against the declared ones only as warnings, because the registry's own
/// exceptions make a disagreement possible on a right number: the sex digit is 1 or 2, and 3, 4, 7 or 8 (odd for a
/// man, even for a woman) for numbers given to people born abroad or awaiting their NIR; a month 20, 30-42 or 50-99
/// stands for a month unknown or a civil-status record of its own, and is not compared.
/// </remarks>
public static class Nir
{
    /// <summary>The problems of a matricule; <see cref="IsRefused"/> tells which of them refuse it.</summary>
    public static IReadOnlyList<NirProblem> Check(string? value, Sex sex = Sex.Unknown, DateOnly? birthDate = null)
    {
        if (value is null || !IsWellFormed(value))
        {
            return [NirProblem.Malformed];
        }

        if (Key(value[..13]) != int.Parse(value[13..], NumberStyles.None, CultureInfo.InvariantCulture))
        {
            return [NirProblem.WrongKey];
        }

        var problems = new List<NirProblem>();
        var sexDigit = value[0] - '0';
        if (sex is Sex.Male or Sex.Female && (sexDigit % 2 == 1 ? Sex.Male : Sex.Female) != sex)
        {
            problems.Add(NirProblem.SexMismatch);
        }

        if (birthDate is { } born)
        {
            if (int.Parse(value[1..3], NumberStyles.None, CultureInfo.InvariantCulture) != born.Year % 100)
            {
                problems.Add(NirProblem.BirthYearMismatch);
            }

            var month = int.Parse(value[3..5], NumberStyles.None, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && month != born.Month)
            {
                problems.Add(NirProblem.BirthMonthMismatch);
            }
        }

        return problems;
    }

    /// <summary>A malformed number or a wrong key is refused; the other problems are warnings.</summary>
    public static bool IsRefused(NirProblem problem) => problem is NirProblem.Malformed or NirProblem.WrongKey;

    /// <summary>Well formed with the right key (the traits are not looked at).</summary>
    public static bool HasValidKey(string? value) => Check(value) is [];

    /// <summary>The sex digit 1-8, 12 digits with 2A or 2B allowed as the département, and 2 digits of key.</summary>
    public static bool IsWellFormed(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 15
            && value[0] is >= '1' and <= '8'
            && value.Select((c, i) => char.IsAsciiDigit(c) || (i == 6 && c is 'A' or 'B' && value[5] == '2')).All(ok => ok);
    }

    /// <summary>The key of the first 13 characters: 97 - (number mod 97), with 2A read as 19 and 2B as 18.</summary>
    public static int Key(string thirteen)
    {
        ArgumentNullException.ThrowIfNull(thirteen);
        var digits = thirteen[6] switch
        {
            'A' => string.Concat(thirteen.AsSpan(0, 5), "19", thirteen.AsSpan(7)),
            'B' => string.Concat(thirteen.AsSpan(0, 5), "18", thirteen.AsSpan(7)),
            _ => thirteen,
        };
        return 97 - (int)(ulong.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) % 97);
    }
}
