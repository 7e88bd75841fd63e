using System.Globalization;
using System.Text;

namespace TeleSurv.Portal.Hl7;

/// <summary>
/// The escape sequences of HL7 v2 chapter 2. Decoding: <c>\F\ \S\ \T\ \R\ \E\</c> (and <c>\P\</c> when MSH-2
/// declares a truncation character) become the delimiter; <c>\Xhh..\</c> becomes the bytes it encodes, read in the
/// message's character set; the formatting commands of FT become plain text (<c>\.br\</c> and <c>\.sp n\</c> line
/// breaks, <c>\.sk n\</c> spaces, <c>\.ce\</c> a line break; <c>\H\ \N\ \.fi\ \.nf\ \.in n\ \.ti n\</c> vanish);
/// <c>\Z..\</c> (local), <c>\C..\</c> and <c>\M..\</c> (character set switches), and sequences the standard does
/// not define are kept verbatim, escape characters included, so nothing is lost. Read <see cref="Hl7Value.Raw"/> to
/// render FT formatting yourself.
/// </summary>
public static class Hl7Escaping
{
    /// <summary>
    /// Escapes text so that it can stand as one value: delimiters become <c>\F\ \S\ \T\ \R\ \E\</c> (and
    /// <c>\P\</c>), a carriage return <c>\X0D\</c>, a line feed <c>\X0A\</c> and any other control character
    /// <c>\Xhh\</c> (tab excepted). <see cref="Unescape"/> gives the text back, character for character.
    /// </summary>
    public static string Escape(ReadOnlySpan<char> text, Hl7Delimiters delimiters)
    {
        var first = 0;
        while (first < text.Length && !NeedsEscape(text[first], delimiters))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text.ToString();
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text[..first]);
        var escape = delimiters.Escape;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            char? code = c == delimiters.Field ? 'F'
                : c == delimiters.Component ? 'S'
                : c == delimiters.Subcomponent ? 'T'
                : c == delimiters.Repetition ? 'R'
                : c == escape ? 'E'
                : c == delimiters.Truncation ? 'P'
                : null;
            if (code is { } letter)
            {
                builder.Append(escape).Append(letter).Append(escape);
            }
            else if (IsControl(c))
            {
                builder.Append(escape).Append('X').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)).Append(escape);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes the escape sequences of one value (a subcomponent, or any value without separators inside).</summary>
    public static string Unescape(ReadOnlySpan<char> raw, Hl7Delimiters delimiters, Hl7CharacterSet characterSet)
    {
        var escape = delimiters.Escape;
        var first = raw.IndexOf(escape);
        if (first < 0)
        {
            return raw.ToString();
        }

        var builder = new StringBuilder(raw.Length);
        builder.Append(raw[..first]);
        var position = first;
        while (position < raw.Length)
        {
            var close = raw[(position + 1)..].IndexOf(escape);
            if (close < 0)
            {
                builder.Append(raw[position..]);
                break;
            }

            close += position + 1;
            var content = raw[(position + 1)..close];
            if (!TryAppendDecoded(builder, content, delimiters, characterSet))
            {
                builder.Append(raw[position..(close + 1)]);
            }

            position = close + 1;
            var next = raw[position..].IndexOf(escape);
            if (next < 0)
            {
                builder.Append(raw[position..]);
                break;
            }

            builder.Append(raw.Slice(position, next));
            position += next;
        }

        return builder.ToString();
    }

    /// <summary>What the parser thinks of the content between two escape characters.</summary>
    internal static EscapeKind Classify(ReadOnlySpan<char> content, Hl7Delimiters delimiters)
    {
        if (content.Length == 1)
        {
            return content[0] switch
            {
                'F' or 'S' or 'T' or 'R' or 'E' or 'H' or 'N' => EscapeKind.Known,
                'P' => delimiters.Truncation is null ? EscapeKind.Unknown : EscapeKind.Known,
                'X' => EscapeKind.MalformedHex,
                _ => EscapeKind.Unknown,
            };
        }

        if (content.IsEmpty)
        {
            return EscapeKind.Unknown;
        }

        switch (content[0])
        {
            case 'X':
                return IsHexPairs(content[1..]) ? EscapeKind.Known : EscapeKind.MalformedHex;
            case 'Z':
                return EscapeKind.Known;
            case 'C':
            case 'M':
                return IsHexPairs(content[1..]) ? EscapeKind.Known : EscapeKind.Unknown;
            case '.':
                return TryReadFormatting(content, out _, out _) ? EscapeKind.Known : EscapeKind.Unknown;
            default:
                return EscapeKind.Unknown;
        }
    }

    private static bool TryAppendDecoded(StringBuilder builder, ReadOnlySpan<char> content, Hl7Delimiters delimiters, Hl7CharacterSet characterSet)
    {
        if (content.Length == 1)
        {
            char? decoded = content[0] switch
            {
                'F' => delimiters.Field,
                'S' => delimiters.Component,
                'T' => delimiters.Subcomponent,
                'R' => delimiters.Repetition,
                'E' => delimiters.Escape,
                'P' => delimiters.Truncation,
                _ => null,
            };
            if (decoded is { } c)
            {
                builder.Append(c);
                return true;
            }

            return content[0] is 'H' or 'N';
        }

        if (content.Length > 1 && content[0] == 'X' && IsHexPairs(content[1..]))
        {
            var hex = content[1..];
            Span<byte> small = stackalloc byte[64];
            var bytes = hex.Length / 2 <= small.Length ? small[..(hex.Length / 2)] : new byte[hex.Length / 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = byte.Parse(hex.Slice(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }

            builder.Append(Hl7CharacterSets.DecodeEscapedBytes(bytes, characterSet));
            return true;
        }

        if (content.Length > 1 && content[0] == '.' && TryReadFormatting(content, out var command, out var count))
        {
            switch (command)
            {
                case "br":
                case "ce":
                    builder.Append('\n');
                    break;
                case "sp":
                    builder.Append('\n', Math.Max(count, 1));
                    break;
                case "sk":
                    builder.Append(' ', Math.Max(count, 1));
                    break;
                default:
                    break;
            }

            return true;
        }

        return false;
    }

    // Formatting commands of FT: ".br", ".sp", ".sp 3", ".in -2", ".ti 4", ".sk 5", ".fi", ".nf", ".ce".
    private static bool TryReadFormatting(ReadOnlySpan<char> content, out string command, out int count)
    {
        command = string.Empty;
        count = 0;
        if (content.Length < 3)
        {
            return false;
        }

        var name = content.Slice(1, 2);
        var argument = content[3..].Trim(' ');
        var takesNumber = name is "sp" or "in" or "ti" or "sk";
        if (!(name is "br" or "fi" or "nf" or "ce" || takesNumber))
        {
            return false;
        }

        if (argument.Length > 0)
        {
            if (!takesNumber || content[3] != ' '
                || !int.TryParse(argument, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count)
                || count > 1000)
            {
                return false;
            }
        }

        command = name.ToString();
        return true;
    }

    private static bool IsHexPairs(ReadOnlySpan<char> hex) => hex.Length > 0 && hex.Length % 2 == 0 && !hex.ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789ABCDEFabcdef");

    private static bool NeedsEscape(char c, Hl7Delimiters delimiters) =>
        delimiters.IsSeparator(c) || c == delimiters.Escape || c == delimiters.Truncation || IsControl(c);

    private static bool IsControl(char c) => (c < ' ' && c != '\t') || c == (char)0x7F;
}

/// <summary>The parser's reading of one escape sequence.</summary>
internal enum EscapeKind
{
    Known,
    Unknown,
    MalformedHex,
}
