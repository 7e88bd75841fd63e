namespace TeleSurv.Portal.Hl7;

/// <summary>A view of one segment of a parsed message.</summary>
public readonly struct Hl7Segment : IEquatable<Hl7Segment>
{
    private readonly Hl7Message _message;
    private readonly int _index;

    internal Hl7Segment(Hl7Message message, int index)
    {
        _message = message;
        _index = index;
    }

    /// <summary>The segment's name (<c>MSH</c>, <c>PID</c>, <c>ZBE</c>...).</summary>
    public string Name => _message.SegmentName(_index);

    /// <summary>The segment's position in the message, 1-based (ERR-2.2).</summary>
    public int Sequence => _index + 1;

    /// <summary>The number of the last field present (MSH counts MSH-1, the field separator).</summary>
    public int FieldCount => _message.FieldCount(_index);

    /// <summary>The segment exactly as received, without its terminator.</summary>
    public string Raw => _message.SegmentRaw(_index).ToString();

    /// <summary>The segment exactly as received, without its terminator.</summary>
    public ReadOnlySpan<char> RawSpan => _message.SegmentRaw(_index);

    /// <summary>True when the segment's name is <paramref name="name"/>.</summary>
    public bool Is(string name) => _message.SegmentNameIs(_index, name);

    /// <summary>
    /// The field <paramref name="field"/>, or deeper when the other numbers are given (1-based; 0 means "the whole").
    /// Without a repetition number the first repetition is meant as soon as a component is asked for.
    /// </summary>
    public Hl7Value Get(int field, int repetition = 0, int component = 0, int subcomponent = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(field, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(repetition);
        ArgumentOutOfRangeException.ThrowIfNegative(component);
        ArgumentOutOfRangeException.ThrowIfNegative(subcomponent);
        var value = _message.Field(_index, field);
        if (repetition > 0)
        {
            value = value.Repetition(repetition);
        }

        if (component > 0)
        {
            value = value.Component(component);
            if (subcomponent > 0)
            {
                value = value.Subcomponent(subcomponent);
            }
        }
        else if (subcomponent > 0)
        {
            value = value.Subcomponent(subcomponent);
        }

        return value;
    }

    /// <summary>The element at a path relative to this segment, such as <c>3[2].4.2</c>.</summary>
    public Hl7Value Get(string relativePath)
    {
        var path = Hl7Path.ParseRelative(relativePath);
        return Get(path.Field, path.Repetition, path.Component, path.Subcomponent);
    }

    /// <summary>Every repetition of a field, in order (none when the field is absent).</summary>
    public IEnumerable<Hl7Value> Repetitions(int field) => Get(field).Repetitions();

    /// <inheritdoc />
    public override string ToString() => Raw;

    /// <summary>Same message, same segment.</summary>
    public bool Equals(Hl7Segment other) => ReferenceEquals(_message, other._message) && _index == other._index;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Hl7Segment other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_message, _index);

    /// <summary>Same message, same segment.</summary>
    public static bool operator ==(Hl7Segment left, Hl7Segment right) => left.Equals(right);

    /// <summary>Another message or another segment.</summary>
    public static bool operator !=(Hl7Segment left, Hl7Segment right) => !left.Equals(right);
}
