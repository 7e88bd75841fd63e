namespace TeleSurv.Portal.Hl7;

/// <summary>
/// Composes a message segment by segment. Values set as text are escaped; trailing empty elements are not written,
/// as the standard asks. The header (MSH-1, MSH-2 and MSH-18 from the character set) is written by the builder.
/// </summary>
public sealed class Hl7MessageBuilder
{
    private readonly List<Hl7SegmentBuilder> _segments = [];

    /// <summary>Starts a message with its MSH segment.</summary>
    public Hl7MessageBuilder(Hl7CharacterSet characterSet = Hl7CharacterSet.Utf8)
        : this(characterSet, Hl7Delimiters.Default)
    {
    }

    /// <summary>Starts a message with its MSH segment and the given delimiters.</summary>
    public Hl7MessageBuilder(Hl7CharacterSet characterSet, Hl7Delimiters delimiters)
    {
        if (!delimiters.IsValid)
        {
            throw new ArgumentException("The delimiters must be distinct printable characters that are not letters or digits.", nameof(delimiters));
        }

        Delimiters = delimiters;
        _segments.Add(new Hl7SegmentBuilder("MSH", delimiters));
        if (characterSet != Hl7CharacterSet.Ascii)
        {
            Header.Set(18, Hl7CharacterSets.ToMsh18(characterSet));
        }
    }

    /// <summary>The delimiters the message is written with.</summary>
    public Hl7Delimiters Delimiters { get; }

    /// <summary>The MSH segment.</summary>
    public Hl7SegmentBuilder Header => _segments[0];

    /// <summary>The segments so far, MSH first.</summary>
    public IReadOnlyList<Hl7SegmentBuilder> Segments => _segments;

    /// <summary>Appends a segment named <paramref name="name"/> and returns it, to be filled.</summary>
    public Hl7SegmentBuilder AddSegment(string name)
    {
        var segment = new Hl7SegmentBuilder(name, Delimiters);
        if (segment.Name == "MSH")
        {
            throw new ArgumentException("A message has one MSH segment, written by the builder.", nameof(name));
        }

        _segments.Add(segment);
        return segment;
    }

    /// <summary>Sets the text (escaped) at a path such as <c>PID-3[2].4.2</c>; null removes the element.</summary>
    public Hl7MessageBuilder Set(string path, string? text)
    {
        var (segment, parsed) = Find(path);
        segment.Set(parsed, text is null ? null : Hl7Escaping.Escape(text, Delimiters));
        return this;
    }

    /// <summary>Writes the delete indicator <c>""</c> at a path.</summary>
    public Hl7MessageBuilder SetNull(string path)
    {
        var (segment, parsed) = Find(path);
        segment.Set(parsed, "\"\"");
        return this;
    }

    /// <summary>Writes ER7 as is at a path (it may hold the separators of deeper levels, and escape sequences).</summary>
    public Hl7MessageBuilder SetRaw(string path, string raw)
    {
        var (segment, parsed) = Find(path);
        segment.SetRaw(parsed, raw);
        return this;
    }

    /// <summary>The message in ER7, each segment ended by a carriage return.</summary>
    public override string ToString() => string.Concat(_segments.Select(segment => segment.ToString() + "\r"));

    /// <summary>The message encoded in the character set MSH-18 declares; throws <see cref="Hl7EncodingException"/>
    /// when a character does not exist in it, or when MSH-18 names a set this codec cannot write.</summary>
    public byte[] ToBytes()
    {
        var msh18 = Header.GetRaw(18);
        if (!Hl7CharacterSets.TryParseMsh18(msh18, out var characterSet))
        {
            throw new Hl7EncodingException($"MSH-18 '{msh18}' is not a character set this codec writes (ASCII, 8859/1, 8859/15, UNICODE UTF-8).");
        }

        return Hl7CharacterSets.Encode(ToString(), characterSet);
    }

    /// <summary>The message, parsed back: the same type a receiver gets.</summary>
    public Hl7Message Build() => Hl7Message.Parse(ToString());

    private (Hl7SegmentBuilder Segment, Hl7Path Path) Find(string path)
    {
        var parsed = Hl7Path.Parse(path);
        var seen = 0;
        foreach (var segment in _segments)
        {
            if (segment.Name == parsed.SegmentName && ++seen == parsed.SegmentOccurrence)
            {
                return (segment, parsed);
            }
        }

        throw new ArgumentException($"The message has no segment {parsed.SegmentName}[{parsed.SegmentOccurrence}] for '{path}'; add it with AddSegment first.", nameof(path));
    }
}

/// <summary>One segment being composed: fields, repetitions, components and subcomponents set by number.</summary>
public sealed class Hl7SegmentBuilder
{
    private readonly Hl7Delimiters _delimiters;

    // Index 0 is field 1; for MSH the list starts at MSH-3 (MSH-1 and MSH-2 are the delimiters).
    private readonly List<Node> _fields = [];

    internal Hl7SegmentBuilder(string name, Hl7Delimiters delimiters)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length != 3 || !char.IsAsciiLetterUpper(name[0]) || !IsNameCharacter(name[1]) || !IsNameCharacter(name[2]))
        {
            throw new ArgumentException($"'{name}' is not a segment name (an upper-case letter, then two letters or digits).", nameof(name));
        }

        Name = name;
        _delimiters = delimiters;
    }

    /// <summary>The segment's name.</summary>
    public string Name { get; }

    private bool IsHeader => Name == "MSH";

    /// <summary>Sets the text (escaped) of a field; null removes it.</summary>
    public Hl7SegmentBuilder Set(int field, string? text) => Set(field.ToString(System.Globalization.CultureInfo.InvariantCulture), text);

    /// <summary>Sets the text (escaped) at a path relative to the segment, such as <c>3[2].4.2</c>; null removes it.</summary>
    public Hl7SegmentBuilder Set(string relativePath, string? text)
    {
        Set(Hl7Path.ParseRelative(relativePath), text is null ? null : Hl7Escaping.Escape(text, _delimiters));
        return this;
    }

    /// <summary>Writes the delete indicator <c>""</c> at a path relative to the segment.</summary>
    public Hl7SegmentBuilder SetNull(string relativePath)
    {
        Set(Hl7Path.ParseRelative(relativePath), "\"\"");
        return this;
    }

    /// <summary>Writes ER7 as is at a path relative to the segment (deeper separators and escapes allowed).</summary>
    public Hl7SegmentBuilder SetRaw(string relativePath, string raw)
    {
        SetRaw(Hl7Path.ParseRelative(relativePath), raw);
        return this;
    }

    /// <summary>The segment in ER7, without its terminator.</summary>
    public override string ToString()
    {
        var builder = new System.Text.StringBuilder(Name);
        if (IsHeader)
        {
            builder.Append(_delimiters.Field).Append(_delimiters.EncodingCharacters);
        }

        var last = LastNonEmpty(_fields);
        for (var i = 0; i <= last; i++)
        {
            builder.Append(_delimiters.Field);
            _fields[i].Write(builder, 0, _delimiters);
        }

        return builder.ToString();
    }

    internal string GetRaw(int field)
    {
        var index = IndexOf(field);
        if (index >= _fields.Count)
        {
            return string.Empty;
        }

        var builder = new System.Text.StringBuilder();
        _fields[index].Write(builder, 0, _delimiters);
        return builder.ToString();
    }

    internal void Set(Hl7Path path, string? raw)
    {
        var node = Locate(path);
        node.Leaf = raw ?? string.Empty;
        node.Children = null;
    }

    internal void SetRaw(Hl7Path path, string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A value cannot hold a segment terminator (CR or LF); escape it as \\X0D\\.", nameof(raw));
        }

        var level = path.Subcomponent > 0 ? 3 : path.Component > 0 ? 2 : path.Repetition > 0 ? 1 : 0;
        ReadOnlySpan<char> forbidden = level switch
        {
            0 => [_delimiters.Field],
            1 => [_delimiters.Field, _delimiters.Repetition],
            2 => [_delimiters.Field, _delimiters.Repetition, _delimiters.Component],
            _ => [_delimiters.Field, _delimiters.Repetition, _delimiters.Component, _delimiters.Subcomponent],
        };
        if (raw.AsSpan().IndexOfAny(forbidden) >= 0)
        {
            throw new ArgumentException($"'{raw}' holds a separator that cannot stand at {path}.", nameof(raw));
        }

        var node = Locate(path);
        node.Children = null;
        node.Leaf = null;
        node.Read(raw, level, _delimiters);
    }

    private Node Locate(Hl7Path path)
    {
        if (IsHeader && path.Field <= 2)
        {
            throw new ArgumentException("MSH-1 and MSH-2 are the delimiters, written by the builder.", nameof(path));
        }

        var index = IndexOf(path.Field);
        while (_fields.Count <= index)
        {
            _fields.Add(new Node());
        }

        var node = _fields[index];
        if (path.Repetition == 0 && path.Component == 0)
        {
            return node;
        }

        node = node.Child(Math.Max(path.Repetition, 1));
        if (path.Component == 0)
        {
            return node;
        }

        node = node.Child(path.Component);
        return path.Subcomponent == 0 ? node : node.Child(path.Subcomponent);
    }

    private int IndexOf(int field) => IsHeader ? field - 3 : field - 1;

    private static int LastNonEmpty(List<Node> nodes)
    {
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            if (!nodes[i].IsEmpty)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);

    /// <summary>An element: either a leaf of raw ER7, or parts split by the separator of its level.</summary>
    private sealed class Node
    {
        public string? Leaf { get; set; }

        public List<Node>? Children { get; set; }

        public bool IsEmpty => Children is null ? string.IsNullOrEmpty(Leaf) : Children.TrueForAll(child => child.IsEmpty);

        public Node Child(int number)
        {
            if (Children is null)
            {
                Children = [new Node { Leaf = Leaf }];
                Leaf = null;
            }

            while (Children.Count < number)
            {
                Children.Add(new Node());
            }

            return Children[number - 1];
        }

        public void Read(string raw, int level, Hl7Delimiters delimiters)
        {
            var separator = Separator(level, delimiters);
            if (separator is null || raw.IndexOf(separator.Value, StringComparison.Ordinal) < 0)
            {
                if (separator is null || level == 3 || raw.AsSpan().IndexOfAny(Deeper(level, delimiters)) < 0)
                {
                    Leaf = raw;
                    return;
                }

                // No separator of this level but deeper ones: one part holding them.
                Children = [new Node()];
                Children[0].Read(raw, level + 1, delimiters);
                return;
            }

            Children = [];
            foreach (var part in raw.Split(separator.Value))
            {
                var child = new Node();
                child.Read(part, level + 1, delimiters);
                Children.Add(child);
            }
        }

        public void Write(System.Text.StringBuilder builder, int level, Hl7Delimiters delimiters)
        {
            if (Children is null)
            {
                builder.Append(Leaf);
                return;
            }

            var last = LastNonEmpty(Children);
            var separator = Separator(level, delimiters)!.Value;
            for (var i = 0; i <= last; i++)
            {
                if (i > 0)
                {
                    builder.Append(separator);
                }

                Children[i].Write(builder, level + 1, delimiters);
            }
        }

        private static char? Separator(int level, Hl7Delimiters delimiters) => level switch
        {
            0 => delimiters.Repetition,
            1 => delimiters.Component,
            2 => delimiters.Subcomponent,
            _ => null,
        };

        private static char[] Deeper(int level, Hl7Delimiters delimiters) => level switch
        {
            0 => [delimiters.Component, delimiters.Subcomponent],
            1 => [delimiters.Subcomponent],
            _ => [],
        };
    }
}
