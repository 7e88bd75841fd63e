using System.Text;

namespace TeleSurv.Portal.Hl7;

/// <summary>One pass over the text: delimiters from MSH, segment and field starts, escape and header checks.</summary>
internal static class Hl7Parser
{
    private const int Msh18Element = 17;

    public static Hl7Message Parse(ReadOnlySpan<byte> bytes, Hl7FieldLimits limits)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var errors = new ErrorList();
        var declared = ReadDeclaredCharacterSet(bytes, out var supported, out var msh18);
        Hl7CharacterSet decodedAs;
        if (!supported)
        {
            errors.Add(Hl7ParseErrorCode.UnsupportedCharacterSet, Hl7Severity.Error, new Hl7Location("MSH", 1, 18),
                $"MSH-18 '{msh18}' is not a character set this receiver reads (ASCII, 8859/1, 8859/15, UNICODE UTF-8); the text was read from its bytes.");
            decodedAs = Ascii.IsValid(bytes) ? Hl7CharacterSet.Ascii : Hl7CharacterSets.DetectNonAscii(bytes);
        }
        else if (declared == Hl7CharacterSet.Ascii && !Ascii.IsValid(bytes))
        {
            decodedAs = Hl7CharacterSets.DetectNonAscii(bytes);
            errors.Add(Hl7ParseErrorCode.CharacterOutsideDeclaredSet, Hl7Severity.Warning, new Hl7Location("MSH", 1, 18),
                $"The message declares ASCII but holds bytes above 0x7F; they were read as {Hl7CharacterSets.ToMsh18(decodedAs)}.");
        }
        else
        {
            decodedAs = declared;
        }

        var text = Hl7CharacterSets.Decode(bytes, decodedAs == Hl7CharacterSet.Ascii ? Hl7CharacterSet.Latin1 : decodedAs);

        // Decoding replaces invalid UTF-8 by U+FFFD: only then is a second pass over the bytes worth it.
        if (decodedAs == Hl7CharacterSet.Utf8 && text.Contains('\uFFFD', StringComparison.Ordinal) && !System.Text.Unicode.Utf8.IsValid(bytes))
        {
            errors.Add(Hl7ParseErrorCode.InvalidCharacterEncoding, Hl7Severity.Error, new Hl7Location("MSH", 1, 18),
                "The message bytes are not valid UTF-8; invalid bytes were replaced by U+FFFD.");
        }
        return ParseText(text, declared, decodedAs, errors, limits);
    }

    public static Hl7Message Parse(string text, Hl7FieldLimits limits)
    {
        var errors = new ErrorList();
        var start = text.StartsWith('\uFEFF') ? 1 : 0;
        var declared = Hl7CharacterSet.Ascii;
        var header = FirstLine(text.AsSpan(start).TrimStart(Whitespace));
        if (header.Length > 5 && header.StartsWith("MSH"))
        {
            var msh18 = Element(header, header[3], Msh18Element);
            msh18 = CutAt(msh18, header[4], header.Length > 5 ? header[5] : header[4]);
            if (!Hl7CharacterSets.TryParseMsh18(msh18, out declared))
            {
                errors.Add(Hl7ParseErrorCode.UnsupportedCharacterSet, Hl7Severity.Error, new Hl7Location("MSH", 1, 18),
                    $"MSH-18 '{msh18}' is not a character set this receiver reads (ASCII, 8859/1, 8859/15, UNICODE UTF-8).");
            }
        }

        return ParseText(start == 0 ? text : text[start..], declared, declared, errors, limits);
    }

    private static readonly char[] WhitespaceChars = ['\r', '\n', ' ', '\t', '\0'];

    private static ReadOnlySpan<char> Whitespace => WhitespaceChars;

    private static Hl7Message ParseText(string text, Hl7CharacterSet declared, Hl7CharacterSet decodedAs, ErrorList errors, Hl7FieldLimits limits)
    {
        var all = text.AsSpan();
        var start = all.Length - all.TrimStart(Whitespace).Length;
        var end = all.TrimEnd(Whitespace).Length;
        if (end <= start)
        {
            errors.Add(Hl7ParseErrorCode.EmptyMessage, Hl7Severity.Error, Hl7Location.None, "The message is empty.");
            return Unreadable(text, declared, decodedAs, errors);
        }

        var body = all[start..end];
        if (!body.StartsWith("MSH"))
        {
            errors.Add(Hl7ParseErrorCode.MissingHeader, Hl7Severity.Error, Hl7Location.None,
                "The message does not start with an MSH segment.");
            return Unreadable(text, declared, decodedAs, errors);
        }

        if (!TryReadDelimiters(FirstLine(body), out var delimiters, out var problem))
        {
            errors.Add(Hl7ParseErrorCode.InvalidDelimiters, Hl7Severity.Error, new Hl7Location("MSH", 1, 2), problem);
            return Unreadable(text, declared, decodedAs, errors);
        }

        // Exact sizes up front: one allocation per index, no growth.
        var separators = body.Count(delimiters.Field);
        var maxSegments = body.Count('\r') + body.Count('\n') + 1;
        var segmentStarts = new int[maxSegments];
        var segmentEnds = new int[maxSegments];
        var firstElement = new int[maxSegments + 1];
        var elementStarts = new int[separators];
        var segmentCount = 0;
        var elementCount = 0;
        var position = start;
        while (position < end)
        {
            var lineLength = all[position..end].IndexOfAny('\r', '\n');
            var lineEnd = lineLength < 0 ? end : position + lineLength;
            if (lineEnd > position)
            {
                segmentStarts[segmentCount] = position;
                segmentEnds[segmentCount] = lineEnd;
                firstElement[segmentCount] = elementCount;
                // Fields are short (a few characters on average): a plain loop beats a vectorized search per field.
                var line = all[position..lineEnd];
                var field = delimiters.Field;
                for (var i = 0; i < line.Length; i++)
                {
                    if (line[i] == field)
                    {
                        elementStarts[elementCount++] = position + i + 1;
                    }
                }

                segmentCount++;
            }

            position = lineEnd + 1;
        }

        firstElement[segmentCount] = elementCount;
        var message = new Hl7Message(text, delimiters, declared, decodedAs, segmentCount, segmentStarts, segmentEnds, firstElement, elementStarts, errors.Items);
        CheckSegments(message, all, segmentStarts, segmentEnds, delimiters, errors);
        CheckHeader(message, errors);
        foreach (var error in message.CheckLimits(limits))
        {
            errors.Add(error.Code, error.Severity, error.Location, error.Message);
        }

        return errors.Count == message.Errors.Count
            ? message
            : new Hl7Message(text, delimiters, declared, decodedAs, segmentCount, segmentStarts, segmentEnds, firstElement, elementStarts, errors.Items);
    }

    private static Hl7Message Unreadable(string text, Hl7CharacterSet declared, Hl7CharacterSet decodedAs, ErrorList errors) =>
        new(text, Hl7Delimiters.Default, declared, decodedAs, 0, [], [], [0], [], errors.Items);

    private static bool TryReadDelimiters(ReadOnlySpan<char> header, out Hl7Delimiters delimiters, out string problem)
    {
        delimiters = Hl7Delimiters.Default;
        if (header.Length < 8)
        {
            problem = "MSH is too short to declare its delimiters (MSH-1 and the four characters of MSH-2).";
            return false;
        }

        var field = header[3];
        var encodingEnd = header[4..].IndexOf(field);
        var encoding = encodingEnd < 0 ? header[4..] : header.Slice(4, encodingEnd);
        if (encoding.Length is not (4 or 5))
        {
            problem = $"MSH-2 must hold four encoding characters (five with the truncation character), not {encoding.Length}.";
            return false;
        }

        delimiters = new Hl7Delimiters(field, encoding[0], encoding[1], encoding[2], encoding[3], encoding.Length == 5 ? encoding[4] : null);
        if (!delimiters.IsValid)
        {
            problem = $"MSH-1/MSH-2 '{field}{encoding}' do not declare distinct printable delimiters.";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    private static void CheckSegments(Hl7Message message, ReadOnlySpan<char> all, int[] starts, int[] ends, Hl7Delimiters delimiters, ErrorList errors)
    {
        for (var s = 0; s < message.SegmentCount; s++)
        {
            var segment = all[starts[s]..ends[s]];
            if (!HasValidName(segment, delimiters.Field))
            {
                var shown = segment.Length > 20 ? segment[..20].ToString() + "..." : segment.ToString();
                errors.Add(Hl7ParseErrorCode.InvalidSegmentName, Hl7Severity.Error, new Hl7Location(message.SegmentName(s), s + 1),
                    $"Segment {s + 1} does not start with a three-character segment name: '{shown}'.");
            }

            // MSH-1 and MSH-2 hold the escape character itself: checks start after them.
            var from = 0;
            if (s == 0)
            {
                from = 4 + message.Delimiters.EncodingCharacters.Length;
            }

            CheckEscapes(message, s, starts[s], segment, from, delimiters, errors);
        }
    }

    private static void CheckEscapes(Hl7Message message, int segmentIndex, int segmentStart, ReadOnlySpan<char> segment, int from, Hl7Delimiters delimiters, ErrorList errors)
    {
        var escape = delimiters.Escape;
        var position = from;
        var leafEnd = -1;
        while (position < segment.Length && errors.TakesWarnings)
        {
            var open = segment[position..].IndexOf(escape);
            if (open < 0)
            {
                return;
            }

            open += position;

            // The end of the value holding this escape, found once per value: a value of many escapes is scanned once.
            if (open >= leafEnd)
            {
                leafEnd = open + 1;
                while (leafEnd < segment.Length && !delimiters.IsSeparator(segment[leafEnd]))
                {
                    leafEnd++;
                }
            }

            var close = segment[(open + 1)..leafEnd].IndexOf(escape);
            if (close < 0)
            {
                errors.Add(Hl7ParseErrorCode.UnterminatedEscapeSequence, Hl7Severity.Warning, message.Locate(segmentIndex, segmentStart + open),
                    "An escape character is not closed in the same value; it is kept as text.");
                position = leafEnd;
                continue;
            }

            close += open + 1;
            var content = segment[(open + 1)..close];
            switch (Hl7Escaping.Classify(content, delimiters))
            {
                case EscapeKind.Unknown:
                    errors.Add(Hl7ParseErrorCode.UnknownEscapeSequence, Hl7Severity.Warning, message.Locate(segmentIndex, segmentStart + open),
                        $"'{escape}{Shorten(content)}{escape}' is not an HL7 escape sequence; it is kept as text.");
                    break;
                case EscapeKind.MalformedHex:
                    errors.Add(Hl7ParseErrorCode.MalformedHexEscape, Hl7Severity.Warning, message.Locate(segmentIndex, segmentStart + open),
                        $"'{escape}{Shorten(content)}{escape}' is not pairs of hexadecimal digits; it is kept as text.");
                    break;
                default:
                    break;
            }

            position = close + 1;
        }
    }

    private static void CheckHeader(Hl7Message message, ErrorList errors)
    {
        // Straight to segment 0 (MSH): the header is checked on every parse, path parsing would cost more than the check.
        var messageTypeField = message.Field(0, 9);
        var messageType = messageTypeField.Component(1).RawSpan;
        if (messageType.IsEmpty)
        {
            errors.Add(Hl7ParseErrorCode.MissingRequiredField, Hl7Severity.Error, new Hl7Location("MSH", 1, 9, 1, 1), "MSH-9 (message type) is missing.");
        }
        else if (messageType.Length != 3 || !char.IsAsciiLetterUpper(messageType[0]) || !IsNameCharacter(messageType[1]) || !IsNameCharacter(messageType[2])
            || (messageTypeField.Component(2).RawSpan.IsEmpty && messageType is not "ACK"))
        {
            errors.Add(Hl7ParseErrorCode.InvalidMessageType, Hl7Severity.Error, new Hl7Location("MSH", 1, 9, 1, 1),
                $"MSH-9 '{Shorten(messageTypeField.RawSpan)}' is not a message type and trigger event such as ADT^A01.");
        }

        if (message.Field(0, 10).RawSpan.IsEmpty)
        {
            errors.Add(Hl7ParseErrorCode.MissingRequiredField, Hl7Severity.Error, new Hl7Location("MSH", 1, 10), "MSH-10 (message control id) is missing.");
        }

        var processingId = message.Field(0, 11).Component(1).RawSpan;
        if (processingId.IsEmpty)
        {
            errors.Add(Hl7ParseErrorCode.MissingRequiredField, Hl7Severity.Error, new Hl7Location("MSH", 1, 11, 1, 1), "MSH-11 (processing id) is missing.");
        }
        else if (processingId is not ("P" or "D" or "T"))
        {
            errors.Add(Hl7ParseErrorCode.InvalidProcessingId, Hl7Severity.Error, new Hl7Location("MSH", 1, 11, 1, 1),
                $"MSH-11 '{Shorten(processingId)}' is not a processing id (P, D or T).");
        }

        var version = message.Field(0, 12).Component(1).RawSpan;
        if (version.IsEmpty)
        {
            errors.Add(Hl7ParseErrorCode.MissingRequiredField, Hl7Severity.Error, new Hl7Location("MSH", 1, 12, 1, 1), "MSH-12 (version id) is missing.");
        }
        else if (!version.StartsWith("2.") || version.Length < 3 || !char.IsAsciiDigit(version[2]))
        {
            errors.Add(Hl7ParseErrorCode.UnsupportedVersion, Hl7Severity.Error, new Hl7Location("MSH", 1, 12, 1, 1),
                $"MSH-12 '{Shorten(version)}' is not an HL7 version 2 (such as 2.5).");
        }
    }

    private static bool HasValidName(ReadOnlySpan<char> segment, char field) =>
        segment.Length >= 3
        && char.IsAsciiLetterUpper(segment[0]) && IsNameCharacter(segment[1]) && IsNameCharacter(segment[2])
        && (segment.Length == 3 || segment[3] == field);

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);

    private static string Shorten(ReadOnlySpan<char> value) => value.Length > 40 ? value[..40].ToString() + "..." : value.ToString();

    private static ReadOnlySpan<char> FirstLine(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAny('\r', '\n');
        return end < 0 ? text : text[..end];
    }

    private static ReadOnlySpan<char> Element(ReadOnlySpan<char> line, char separator, int index)
    {
        for (var i = 0; i < index; i++)
        {
            var next = line.IndexOf(separator);
            if (next < 0)
            {
                return [];
            }

            line = line[(next + 1)..];
        }

        var end = line.IndexOf(separator);
        return end < 0 ? line : line[..end];
    }

    private static ReadOnlySpan<char> CutAt(ReadOnlySpan<char> value, char first, char second)
    {
        var end = value.IndexOfAny(first, second);
        return end < 0 ? value : value[..end];
    }

    // MSH-18 read from the raw bytes: MSH is ASCII in every supported set, so its bytes are its characters.
    private static Hl7CharacterSet ReadDeclaredCharacterSet(ReadOnlySpan<byte> bytes, out bool supported, out string value)
    {
        supported = true;
        value = string.Empty;
        var offset = 0;
        while (offset < bytes.Length && bytes[offset] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t' or 0)
        {
            offset++;
        }

        var line = bytes[offset..];
        var lineEnd = line.IndexOfAny((byte)'\r', (byte)'\n');
        if (lineEnd >= 0)
        {
            line = line[..lineEnd];
        }

        if (line.Length < 6 || !line.StartsWith("MSH"u8))
        {
            return Hl7CharacterSet.Ascii;
        }

        var separator = line[3];
        for (var i = 0; i < Msh18Element; i++)
        {
            var next = line.IndexOf(separator);
            if (next < 0)
            {
                return Hl7CharacterSet.Ascii;
            }

            line = line[(next + 1)..];
        }

        var end = line.IndexOfAny(separator, bytes[offset + 4], bytes[offset + 5]);
        var msh18 = end < 0 ? line : line[..end];
        if (msh18.Length > 64 || !Ascii.IsValid(msh18))
        {
            value = Encoding.Latin1.GetString(msh18[..Math.Min(msh18.Length, 64)]);
            supported = false;
            return Hl7CharacterSet.Ascii;
        }

        Span<char> chars = stackalloc char[msh18.Length];
        Encoding.ASCII.GetChars(msh18, chars);
        value = chars.ToString();
        supported = Hl7CharacterSets.TryParseMsh18(chars, out var characterSet);
        return characterSet;
    }

    /// <summary>Errors collected during one parse; the list is only allocated when there is one.</summary>
    /// <remarks>
    /// Warnings stop at <see cref="MaxWarnings"/>: a value of a hundred thousand bad escapes must not cost a hundred
    /// thousand locations (each a scan of its segment) nor as many ERR segments.
    /// </remarks>
    private sealed class ErrorList
    {
        public const int MaxWarnings = 100;
        private List<Hl7ParseError>? _items;
        private int _warnings;

        public int Count => _items?.Count ?? 0;

        public bool TakesWarnings => _warnings < MaxWarnings;

        public IReadOnlyList<Hl7ParseError> Items => _items is null ? [] : _items.ToArray();

        public void Add(Hl7ParseErrorCode code, Hl7Severity severity, Hl7Location location, string message)
        {
            if (severity == Hl7Severity.Warning)
            {
                if (!TakesWarnings)
                {
                    return;
                }

                _warnings++;
            }

            (_items ??= []).Add(new Hl7ParseError(code, severity, location, message));
        }
    }
}
