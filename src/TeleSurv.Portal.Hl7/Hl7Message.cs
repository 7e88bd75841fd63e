namespace TeleSurv.Portal.Hl7;

/// <summary>
/// A parsed ER7 message: the decoded text once, and an index of where its segments and fields start. Components,
/// repetitions and escape sequences are read on demand, so parsing costs one pass over the text. Parsing never
/// throws on bad input: problems are collected in <see cref="Errors"/> (an unreadable header leaves no segment).
/// </summary>
public sealed class Hl7Message
{
    private readonly int[] _segmentStarts;
    private readonly int[] _segmentEnds;

    // _firstElement[s].._firstElement[s + 1] index _elementStarts: where each field of segment s starts (after its separator).
    private readonly int[] _firstElement;
    private readonly int[] _elementStarts;

    internal Hl7Message(
        string text,
        Hl7Delimiters delimiters,
        Hl7CharacterSet characterSet,
        Hl7CharacterSet decodedAs,
        int segmentCount,
        int[] segmentStarts,
        int[] segmentEnds,
        int[] firstElement,
        int[] elementStarts,
        IReadOnlyList<Hl7ParseError> errors)
    {
        Text = text;
        Delimiters = delimiters;
        CharacterSet = characterSet;
        DecodedAs = decodedAs;
        SegmentCount = segmentCount;
        _segmentStarts = segmentStarts;
        _segmentEnds = segmentEnds;
        _firstElement = firstElement;
        _elementStarts = elementStarts;
        Errors = errors;
    }

    /// <summary>The decoded text the message was parsed from (line breaks as received).</summary>
    public string Text { get; }

    /// <summary>The delimiters declared by MSH-1 and MSH-2.</summary>
    public Hl7Delimiters Delimiters { get; }

    /// <summary>The character set declared by MSH-18 (ASCII when empty or not supported).</summary>
    public Hl7CharacterSet CharacterSet { get; }

    /// <summary>How the bytes were actually read: differs from <see cref="CharacterSet"/> when a sender declared ASCII
    /// (or an unsupported set) but sent other bytes; <see cref="ToBytes"/> writes the message back the same way.</summary>
    public Hl7CharacterSet DecodedAs { get; }

    /// <summary>Every problem met, in the order met.</summary>
    public IReadOnlyList<Hl7ParseError> Errors { get; }

    /// <summary>True when a problem of severity <see cref="Hl7Severity.Error"/> was met.</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var error in Errors)
            {
                if (error.Severity == Hl7Severity.Error)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>False when the header could not be read: no segment, nothing to acknowledge by control id.</summary>
    public bool IsReadable => SegmentCount > 0;

    /// <summary>The number of segments.</summary>
    public int SegmentCount { get; }

    /// <summary>MSH-9.1, such as <c>ADT</c>.</summary>
    public string MessageType => Get("MSH-9.1").Text;

    /// <summary>MSH-9.2, such as <c>A01</c>.</summary>
    public string TriggerEvent => Get("MSH-9.2").Text;

    /// <summary>MSH-9.3, such as <c>ADT_A01</c> (often empty).</summary>
    public string MessageStructure => Get("MSH-9.3").Text;

    /// <summary>MSH-10, the sender's message control id, echoed in MSA-2 of the acknowledgement.</summary>
    public string ControlId => Get("MSH-10").Text;

    /// <summary>MSH-11.1: P production, D debugging, T training.</summary>
    public string ProcessingId => Get("MSH-11.1").Text;

    /// <summary>MSH-12.1, such as <c>2.5</c>.</summary>
    public string Version => Get("MSH-12.1").Text;

    /// <summary>The segments, in order.</summary>
    public IEnumerable<Hl7Segment> Segments
    {
        get
        {
            for (var i = 0; i < SegmentCount; i++)
            {
                yield return new Hl7Segment(this, i);
            }
        }
    }

    /// <summary>The segment at <paramref name="index"/> (0-based).</summary>
    public Hl7Segment this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SegmentCount);
            return new Hl7Segment(this, index);
        }
    }

    /// <summary>Parses the bytes of one message: the character set is taken from MSH-18 before decoding.</summary>
    public static Hl7Message Parse(ReadOnlySpan<byte> bytes) => Hl7Parser.Parse(bytes, Hl7FieldLimits.Default);

    /// <summary>Parses bytes, reporting fields beyond <paramref name="limits"/> (<see cref="Hl7ParseErrorCode.FieldLimitExceeded"/>).</summary>
    public static Hl7Message Parse(ReadOnlySpan<byte> bytes, Hl7FieldLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return Hl7Parser.Parse(bytes, limits);
    }

    /// <summary>Parses text, reporting fields beyond <paramref name="limits"/> (<see cref="Hl7ParseErrorCode.FieldLimitExceeded"/>).</summary>
    public static Hl7Message Parse(string text, Hl7FieldLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        return Hl7Parser.Parse(text, limits);
    }

    /// <summary>Parses an already decoded message (MSH-18 is still read, for <see cref="ToBytes"/>).</summary>
    public static Hl7Message Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Hl7Parser.Parse(text, Hl7FieldLimits.Default);
    }

    /// <summary>The <paramref name="occurrence"/>-th segment named <paramref name="name"/>, if there is one.</summary>
    public bool TryGetSegment(string name, int occurrence, out Hl7Segment segment)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(occurrence, 1);
        var seen = 0;
        for (var i = 0; i < SegmentCount; i++)
        {
            if (SegmentNameIs(i, name) && ++seen == occurrence)
            {
                segment = new Hl7Segment(this, i);
                return true;
            }
        }

        segment = default;
        return false;
    }

    /// <summary>The first segment named <paramref name="name"/>, if there is one.</summary>
    public bool TryGetSegment(string name, out Hl7Segment segment) => TryGetSegment(name, 1, out segment);

    /// <summary>Every segment named <paramref name="name"/>, in order.</summary>
    public IEnumerable<Hl7Segment> SegmentsNamed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < SegmentCount; i++)
        {
            if (SegmentNameIs(i, name))
            {
                yield return new Hl7Segment(this, i);
            }
        }
    }

    /// <summary>The element at <paramref name="path"/>, such as <c>PID-3[2].4.2</c> (see <see cref="Hl7Path"/>).</summary>
    public Hl7Value Get(string path) => Get(Hl7Path.Parse(path));

    /// <summary>The element at <paramref name="path"/>; <see cref="Hl7Value.Absent"/> when its segment is missing.</summary>
    public Hl7Value Get(Hl7Path path)
    {
        if (path.SegmentName.Length == 0)
        {
            throw new ArgumentException("A message path names its segment, such as PID-3.", nameof(path));
        }

        return TryGetSegment(path.SegmentName, path.SegmentOccurrence, out var segment)
            ? segment.Get(path.Field, path.Repetition, path.Component, path.Subcomponent)
            : Hl7Value.Absent;
    }

    /// <summary>Every repetition of the field a path names (its repetition and components are ignored).</summary>
    public IEnumerable<Hl7Value> GetRepetitions(string path)
    {
        var parsed = Hl7Path.Parse(path);
        return TryGetSegment(parsed.SegmentName, parsed.SegmentOccurrence, out var segment)
            ? segment.Repetitions(parsed.Field)
            : [];
    }

    /// <summary>
    /// The fields that hold more repetitions, or a repetition more components, or a component more subcomponents,
    /// than <paramref name="limits"/> allow: one <see cref="Hl7ParseErrorCode.FieldLimitExceeded"/> error per such
    /// field, naming it, found in one pass over the message.
    /// </summary>
    public IReadOnlyList<Hl7ParseError> CheckLimits(Hl7FieldLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        List<Hl7ParseError>? errors = null;
        var delimiters = Delimiters;
        for (var segment = 0; segment < SegmentCount; segment++)
        {
            // A segment with fewer separators of each kind than the limits cannot hold a field beyond them: three
            // vectorized counts spare the character loop for every ordinary segment.
            var raw = SegmentRaw(segment);
            if (raw.Count(delimiters.Repetition) < limits.MaxRepetitions && raw.Count(delimiters.Component) < limits.MaxComponents
                && raw.Count(delimiters.Subcomponent) < limits.MaxSubcomponents)
            {
                continue;
            }

            var header = IsHeader(segment);
            var first = _firstElement[segment];
            var count = _firstElement[segment + 1] - first;
            for (var element = header ? 2 : 1; element <= count; element++)
            {
                var start = _elementStarts[first + element - 1];
                var end = element < count ? _elementStarts[first + element] - 1 : _segmentEnds[segment];
                int repetitions = 1, components = 1, subcomponents = 1;
                int maxComponents = 1, maxSubcomponents = 1;
                foreach (var c in Text.AsSpan(start, end - start))
                {
                    if (c == delimiters.Repetition)
                    {
                        repetitions++;
                        components = subcomponents = 1;
                    }
                    else if (c == delimiters.Component)
                    {
                        maxComponents = Math.Max(maxComponents, ++components);
                        subcomponents = 1;
                    }
                    else if (c == delimiters.Subcomponent)
                    {
                        maxSubcomponents = Math.Max(maxSubcomponents, ++subcomponents);
                    }
                }

                if (repetitions <= limits.MaxRepetitions && maxComponents <= limits.MaxComponents && maxSubcomponents <= limits.MaxSubcomponents)
                {
                    continue;
                }

                var field = header ? element + 1 : element;
                var name = $"{SegmentName(segment)}-{field}";
                var problem = repetitions > limits.MaxRepetitions
                    ? $"{name} holds {repetitions} repetitions; this receiver accepts at most {limits.MaxRepetitions}."
                    : maxComponents > limits.MaxComponents
                        ? $"{name} holds {maxComponents} components in one repetition; this receiver accepts at most {limits.MaxComponents}."
                        : $"{name} holds {maxSubcomponents} subcomponents in one component; this receiver accepts at most {limits.MaxSubcomponents}.";
                (errors ??= []).Add(new Hl7ParseError(Hl7ParseErrorCode.FieldLimitExceeded, Hl7Severity.Error, new Hl7Location(SegmentName(segment), segment + 1, field), problem));
            }
        }

        return errors is null ? [] : errors;
    }

    /// <summary>The message in ER7: its segments as received, each ended by a carriage return.</summary>
    public override string ToString()
    {
        var length = 0;
        for (var i = 0; i < SegmentCount; i++)
        {
            length += _segmentEnds[i] - _segmentStarts[i] + 1;
        }

        return string.Create(length, this, static (span, message) =>
        {
            var position = 0;
            for (var i = 0; i < message.SegmentCount; i++)
            {
                var segment = message.SegmentRaw(i);
                segment.CopyTo(span[position..]);
                position += segment.Length;
                span[position++] = '\r';
            }
        });
    }

    /// <summary>The message in ER7, encoded the way it was read (see <see cref="DecodedAs"/>).</summary>
    public byte[] ToBytes() => Hl7CharacterSets.Encode(ToString(), DecodedAs);

    internal ReadOnlySpan<char> SegmentRaw(int index) =>
        Text.AsSpan(_segmentStarts[index], _segmentEnds[index] - _segmentStarts[index]);

    internal string SegmentName(int index)
    {
        var raw = SegmentRaw(index);
        var end = raw.IndexOf(Delimiters.Field);
        var name = end < 0 ? raw : raw[..end];
        return name switch
        {
            "MSH" => "MSH",
            "EVN" => "EVN",
            "PID" => "PID",
            "PV1" => "PV1",
            "ZBE" => "ZBE",
            "OBX" => "OBX",
            _ => name.ToString(),
        };
    }

    internal bool SegmentNameIs(int index, string name)
    {
        var raw = SegmentRaw(index);
        return raw.StartsWith(name, StringComparison.Ordinal)
            && (raw.Length == name.Length || raw[name.Length] == Delimiters.Field);
    }

    internal int FieldCount(int index)
    {
        var elements = _firstElement[index + 1] - _firstElement[index];
        return IsHeader(index) ? elements + 1 : elements;
    }

    internal Hl7Value Field(int segment, int field)
    {
        var header = IsHeader(segment);
        if (header && field == 1)
        {
            return new Hl7Value(this, _segmentStarts[segment] + 3, 1, Hl7ValueLevel.Literal);
        }

        var element = header ? field - 1 : field;
        var first = _firstElement[segment];
        var count = _firstElement[segment + 1] - first;
        if (element > count)
        {
            return Hl7Value.Absent;
        }

        var start = _elementStarts[first + element - 1];
        var end = element < count ? _elementStarts[first + element] - 1 : _segmentEnds[segment];
        return new Hl7Value(this, start, end - start, header && field == 2 ? Hl7ValueLevel.Literal : Hl7ValueLevel.Field);
    }

    /// <summary>Where in segment <paramref name="segment"/> the character at <paramref name="offset"/> sits, for error reports.</summary>
    internal Hl7Location Locate(int segment, int offset)
    {
        var start = _segmentStarts[segment];
        var raw = Text.AsSpan(start, Math.Min(offset, _segmentEnds[segment]) - start);
        var delimiters = Delimiters;
        int field = 0, repetition = 1, component = 1, subcomponent = 1;
        foreach (var c in raw)
        {
            if (c == delimiters.Field)
            {
                field++;
                repetition = component = subcomponent = 1;
            }
            else if (c == delimiters.Repetition)
            {
                repetition++;
                component = subcomponent = 1;
            }
            else if (c == delimiters.Component)
            {
                component++;
                subcomponent = 1;
            }
            else if (c == delimiters.Subcomponent)
            {
                subcomponent++;
            }
        }

        if (IsHeader(segment) && field > 0)
        {
            field++;
        }

        return new Hl7Location(SegmentName(segment), segment + 1, field, field > 0 ? repetition : 0, field > 0 ? component : 0, field > 0 ? subcomponent : 0);
    }

    private bool IsHeader(int index) => index == 0 || SegmentNameIs(index, "MSH");
}
