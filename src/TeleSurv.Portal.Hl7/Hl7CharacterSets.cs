using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace TeleSurv.Portal.Hl7;

/// <summary>Names of table 0211, and the byte conversions of each supported character set.</summary>
public static class Hl7CharacterSets
{
    // The eight code points where 8859-15 differs from 8859-1, byte for byte.
    private static readonly SearchValues<byte> Latin9Differences = SearchValues.Create([0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE]);

    /// <summary>The MSH-18 value that declares <paramref name="characterSet"/> (empty for ASCII, the default).</summary>
    public static string ToMsh18(Hl7CharacterSet characterSet) => characterSet switch
    {
        Hl7CharacterSet.Ascii => string.Empty,
        Hl7CharacterSet.Latin1 => "8859/1",
        Hl7CharacterSet.Latin9 => "8859/15",
        Hl7CharacterSet.Utf8 => "UNICODE UTF-8",
        _ => throw new ArgumentOutOfRangeException(nameof(characterSet), characterSet, "Unknown character set."),
    };

    /// <summary>Reads an MSH-18 value (case and surrounding spaces ignored); false when it is not a supported one.</summary>
    public static bool TryParseMsh18(ReadOnlySpan<char> value, out Hl7CharacterSet characterSet)
    {
        value = value.Trim(' ');
        characterSet = Hl7CharacterSet.Ascii;
        if (value.IsEmpty || value.Equals("ASCII", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("8859/1", StringComparison.OrdinalIgnoreCase))
        {
            characterSet = Hl7CharacterSet.Latin1;
            return true;
        }

        if (value.Equals("8859/15", StringComparison.OrdinalIgnoreCase))
        {
            characterSet = Hl7CharacterSet.Latin9;
            return true;
        }

        if (value.Equals("UNICODE UTF-8", StringComparison.OrdinalIgnoreCase))
        {
            characterSet = Hl7CharacterSet.Utf8;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Encodes <paramref name="text"/> in <paramref name="characterSet"/>; throws <see cref="Hl7EncodingException"/>
    /// naming the first character that the set cannot represent (a message must never lose a character silently).
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<char> text, Hl7CharacterSet characterSet)
    {
        if (characterSet == Hl7CharacterSet.Utf8)
        {
            return Encoding.UTF8.GetBytes(text.ToArray());
        }

        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            bytes[i] = characterSet switch
            {
                Hl7CharacterSet.Ascii when c < 0x80 => (byte)c,
                Hl7CharacterSet.Latin1 when c <= 0xFF => (byte)c,
                Hl7CharacterSet.Latin9 => ToLatin9(c) ?? throw Unrepresentable(c, i, characterSet),
                _ => throw Unrepresentable(c, i, characterSet),
            };
        }

        return bytes;
    }

    /// <summary>True when every character of <paramref name="text"/> can be written in <paramref name="characterSet"/>.</summary>
    public static bool CanEncode(ReadOnlySpan<char> text, Hl7CharacterSet characterSet)
    {
        foreach (var c in text)
        {
            var representable = characterSet switch
            {
                Hl7CharacterSet.Ascii => c < 0x80,
                Hl7CharacterSet.Latin1 => c <= 0xFF,
                Hl7CharacterSet.Latin9 => ToLatin9(c) is not null,
                _ => true,
            };
            if (!representable)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes bytes known to be in <paramref name="characterSet"/>; invalid UTF-8 becomes U+FFFD.</summary>
    internal static string Decode(ReadOnlySpan<byte> bytes, Hl7CharacterSet characterSet) => characterSet switch
    {
        Hl7CharacterSet.Utf8 => Encoding.UTF8.GetString(bytes),
        Hl7CharacterSet.Latin9 => DecodeLatin9(bytes),
        _ => Encoding.Latin1.GetString(bytes),
    };

    /// <summary>
    /// Decodes bytes of a message that declared ASCII (or a set we do not support) but holds bytes above 0x7F:
    /// UTF-8 when they form valid UTF-8, Latin-1 otherwise. Returns which one was used.
    /// </summary>
    internal static Hl7CharacterSet DetectNonAscii(ReadOnlySpan<byte> bytes) =>
        Utf8.IsValid(bytes) ? Hl7CharacterSet.Utf8 : Hl7CharacterSet.Latin1;

    /// <summary>Decodes the bytes of a <c>\X..\</c> escape the way the message's own text was decoded.</summary>
    internal static string DecodeEscapedBytes(ReadOnlySpan<byte> bytes, Hl7CharacterSet characterSet)
    {
        if (characterSet == Hl7CharacterSet.Ascii)
        {
            characterSet = Ascii.IsValid(bytes) ? Hl7CharacterSet.Latin1 : DetectNonAscii(bytes);
        }

        return Decode(bytes, characterSet);
    }

    private static string DecodeLatin9(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOfAny(Latin9Differences) < 0)
        {
            return Encoding.Latin1.GetString(bytes);
        }

        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = bytes[i] switch
            {
                0xA4 => '\u20AC',
                0xA6 => '\u0160',
                0xA8 => '\u0161',
                0xB4 => '\u017D',
                0xB8 => '\u017E',
                0xBC => '\u0152',
                0xBD => '\u0153',
                0xBE => '\u0178',
                var b => (char)b,
            };
        }

        return new string(chars);
    }

    private static byte? ToLatin9(char c) => c switch
    {
        '\u20AC' => 0xA4,
        '\u0160' => 0xA6,
        '\u0161' => 0xA8,
        '\u017D' => 0xB4,
        '\u017E' => 0xB8,
        '\u0152' => 0xBC,
        '\u0153' => 0xBD,
        '\u0178' => 0xBE,
        '\u00A4' or '\u00A6' or '\u00A8' or '\u00B4' or '\u00B8' or '\u00BC' or '\u00BD' or '\u00BE' => null,
        _ when c <= 0xFF => (byte)c,
        _ => null,
    };

    private static Hl7EncodingException Unrepresentable(char c, int index, Hl7CharacterSet characterSet) =>
        new($"The character '{c}' (U+{(int)c:X4}) at position {index} cannot be written in {ToMsh18Name(characterSet)}; "
            + "declare 8859/15 or UNICODE UTF-8 in MSH-18.");

    private static string ToMsh18Name(Hl7CharacterSet characterSet) =>
        characterSet == Hl7CharacterSet.Ascii ? "ASCII" : ToMsh18(characterSet);
}
