namespace TeleSurv.Portal.Hl7;

/// <summary>
/// A view of one element of a parsed message (a field, a repetition, a component or a subcomponent) without
/// copying it. <see cref="Raw"/> is the element as received (escapes kept); <see cref="Text"/> is the decoded text
/// of its first subcomponent, as HAPI's Terser answers for <c>PID-5</c>.
/// </summary>
public readonly struct Hl7Value : IEquatable<Hl7Value>
{
    private readonly Hl7Message? _message;
    private readonly int _start;
    private readonly int _length;
    private readonly Hl7ValueLevel _level;

    internal Hl7Value(Hl7Message message, int start, int length, Hl7ValueLevel level)
    {
        _message = message;
        _start = start;
        _length = length;
        _level = level;
    }

    /// <summary>A value that is not in the message.</summary>
    public static Hl7Value Absent => default;

    /// <summary>Absent, empty, null (<c>""</c>) or valued.</summary>
    public Hl7ValueState State => _message is null
        ? Hl7ValueState.Absent
        : _length == 0
            ? Hl7ValueState.Empty
            : _level != Hl7ValueLevel.Literal && RawSpan is "\"\""
                ? Hl7ValueState.Null
                : Hl7ValueState.Valued;

    /// <summary>True when the element is in the message, even empty or null.</summary>
    public bool IsPresent => _message is not null;

    /// <summary>True when the element is the delete indicator <c>""</c>.</summary>
    public bool IsNull => State == Hl7ValueState.Null;

    /// <summary>True when the element holds something other than nothing or <c>""</c>.</summary>
    public bool HasValue => State == Hl7ValueState.Valued;

    /// <summary>The element exactly as received, separators and escape sequences included.</summary>
    public ReadOnlySpan<char> RawSpan => _message is null ? [] : _message.Text.AsSpan(_start, _length);

    /// <summary>The element exactly as received, as a string.</summary>
    public string Raw => _message is null ? string.Empty : _message.Text.Substring(_start, _length);

    /// <summary>
    /// The decoded text of the first subcomponent of the first component of the first repetition: escape sequences
    /// decoded (see <see cref="Hl7Escaping.Unescape"/>), empty for absent, empty and null elements.
    /// </summary>
    public string Text
    {
        get
        {
            if (_message is null)
            {
                return string.Empty;
            }

            if (_level == Hl7ValueLevel.Literal)
            {
                return Raw;
            }

            var leaf = FirstLeaf();
            var raw = leaf.RawSpan;
            return raw is "\"\"" ? string.Empty : Hl7Escaping.Unescape(raw, _message.Delimiters, _message.CharacterSet);
        }
    }

    /// <summary>The text, or null when the element is absent, empty or null: handy for optional data.</summary>
    public string? TextOrNull => HasValue ? Text : null;

    /// <summary>How many repetitions a field holds (1 for an empty field, 0 when absent).</summary>
    public int RepetitionCount => CountParts(Hl7ValueLevel.Field);

    /// <summary>How many components the element holds (in its first repetition when it is a field).</summary>
    public int ComponentCount => Descend(Hl7ValueLevel.Repetition).CountParts(Hl7ValueLevel.Repetition);

    /// <summary>How many subcomponents the element holds (in its first component when it is wider).</summary>
    public int SubcomponentCount => Descend(Hl7ValueLevel.Component).CountParts(Hl7ValueLevel.Component);

    internal Hl7ValueLevel Level => _level;

    /// <summary>The repetition <paramref name="number"/> (1-based) of a field.</summary>
    public Hl7Value Repetition(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return _level == Hl7ValueLevel.Field ? Part(number, Hl7ValueLevel.Repetition) : number == 1 ? this : Absent;
    }

    /// <summary>
    /// Every repetition of a field, in order, found in one pass over it (a value below a field is its own only
    /// repetition; an absent value has none). Reading them one by one with <see cref="Repetition"/> would scan the
    /// field again for each.
    /// </summary>
    public IEnumerable<Hl7Value> Repetitions()
    {
        if (_message is null)
        {
            yield break;
        }

        if (_level != Hl7ValueLevel.Field)
        {
            yield return this;
            yield break;
        }

        var offset = 0;
        while (true)
        {
            var next = NextSeparator(offset, _message.Delimiters.Repetition);
            var length = next < 0 ? _length - offset : next - offset;
            yield return new Hl7Value(_message, _start + offset, length, Hl7ValueLevel.Repetition);
            if (next < 0)
            {
                yield break;
            }

            offset = next + 1;
        }
    }

    /// <summary>The component <paramref name="number"/> (1-based), in the first repetition when this is a field.</summary>
    public Hl7Value Component(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var repetition = Descend(Hl7ValueLevel.Repetition);
        return repetition._level == Hl7ValueLevel.Repetition
            ? repetition.Part(number, Hl7ValueLevel.Component)
            : number == 1 ? repetition : Absent;
    }

    /// <summary>The subcomponent <paramref name="number"/> (1-based), in the first component when this is wider.</summary>
    public Hl7Value Subcomponent(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var component = Descend(Hl7ValueLevel.Component);
        return component._level == Hl7ValueLevel.Component
            ? component.Part(number, Hl7ValueLevel.Subcomponent)
            : number == 1 ? component : Absent;
    }

    /// <summary>The decoded text (<see cref="Text"/>).</summary>
    public override string ToString() => Text;

    /// <summary>Two values are equal when they are in the same state with the same raw content.</summary>
    public bool Equals(Hl7Value other) => State == other.State && RawSpan.SequenceEqual(other.RawSpan);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Hl7Value other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(State, string.GetHashCode(RawSpan, StringComparison.Ordinal));

    /// <summary>Equality of state and raw content.</summary>
    public static bool operator ==(Hl7Value left, Hl7Value right) => left.Equals(right);

    /// <summary>Inequality of state or raw content.</summary>
    public static bool operator !=(Hl7Value left, Hl7Value right) => !left.Equals(right);

    private Hl7Value FirstLeaf()
    {
        var value = this;
        while (value._level is not (Hl7ValueLevel.Subcomponent or Hl7ValueLevel.Literal) && value.IsPresent)
        {
            value = value.Part(1, value._level + 1);
        }

        return value;
    }

    // Walks down through first parts until the value is at least as deep as the given level.
    private Hl7Value Descend(Hl7ValueLevel level)
    {
        var value = this;
        while (value._level < level && value.IsPresent)
        {
            value = value.Part(1, value._level + 1);
        }

        return value;
    }

    private char SeparatorBelow(Hl7ValueLevel level)
    {
        var delimiters = _message!.Delimiters;
        return level switch
        {
            Hl7ValueLevel.Field => delimiters.Repetition,
            Hl7ValueLevel.Repetition => delimiters.Component,
            _ => delimiters.Subcomponent,
        };
    }

    // The offset (within this value) of the next separator at or after `from`, or -1.
    private int NextSeparator(int from, char separator)
    {
        var found = _message!.Text.AsSpan(_start + from, _length - from).IndexOf(separator);
        return found < 0 ? -1 : from + found;
    }

    private int CountParts(Hl7ValueLevel atLevel)
    {
        if (_message is null)
        {
            return 0;
        }

        if (_level != atLevel)
        {
            return 1;
        }

        return RawSpan.Count(SeparatorBelow(_level)) + 1;
    }

    // Splits this value on the separator of the next level down and returns part `number` (1-based).
    private Hl7Value Part(int number, Hl7ValueLevel partLevel)
    {
        if (_message is null || _level is Hl7ValueLevel.Literal or Hl7ValueLevel.Subcomponent)
        {
            return number == 1 ? this : Absent;
        }

        var separator = SeparatorBelow(_level);
        var span = RawSpan;
        var partStart = 0;
        for (var index = 1; index < number; index++)
        {
            var next = span[partStart..].IndexOf(separator);
            if (next < 0)
            {
                return Absent;
            }

            partStart += next + 1;
        }

        var length = span[partStart..].IndexOf(separator);
        if (length < 0)
        {
            length = span.Length - partStart;
        }

        return new Hl7Value(_message, _start + partStart, length, partLevel);
    }
}

/// <summary>How deep a value sits; the order matters: each level splits on the separator of the next.</summary>
internal enum Hl7ValueLevel
{
    Field,
    Repetition,
    Component,
    Subcomponent,

    // MSH-1 and MSH-2: the delimiters themselves, never split nor decoded.
    Literal,
}
