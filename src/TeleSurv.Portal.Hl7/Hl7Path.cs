using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TeleSurv.Portal.Hl7;

/// <summary>
/// A path to an element: <c>PID-3[2].4.2</c> is the second subcomponent of the fourth component of the second
/// repetition of PID-3 in the first PID segment; <c>OBX[3]-5</c> is OBX-5 of the third OBX. Every index is 1-based;
/// a missing segment occurrence or repetition means the first; a missing component means the whole field.
/// </summary>
public readonly record struct Hl7Path
{
    private Hl7Path(string segmentName, int segmentOccurrence, int field, int repetition, int component, int subcomponent)
    {
        SegmentName = segmentName;
        SegmentOccurrence = segmentOccurrence;
        Field = field;
        Repetition = repetition;
        Component = component;
        Subcomponent = subcomponent;
    }

    /// <summary>The segment's three-character name, or empty for a path relative to a segment (<c>3[2].4</c>).</summary>
    public string SegmentName { get; }

    /// <summary>Which segment of that name (1 = the first).</summary>
    public int SegmentOccurrence { get; }

    /// <summary>The field number (MSH-1 is the field separator itself).</summary>
    public int Field { get; }

    /// <summary>The repetition, or 0 when the path did not name one (the field as a whole).</summary>
    public int Repetition { get; }

    /// <summary>The component, or 0 for the whole field or repetition.</summary>
    public int Component { get; }

    /// <summary>The subcomponent, or 0 for the whole component.</summary>
    public int Subcomponent { get; }

    /// <summary>Reads a path such as <c>PID-3[2].4.2</c>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static Hl7Path Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TryParse(path, requireSegment: true, out var result, out var problem)
            ? result
            : throw new FormatException($"'{path}' is not an HL7 path such as PID-3[2].4.2: {problem}");
    }

    /// <summary>Reads a path, answering false instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? path, out Hl7Path result) =>
        TryParse(path, requireSegment: true, out result, out _);

    /// <summary>Reads a path relative to a segment, such as <c>3[2].4.2</c>.</summary>
    public static Hl7Path ParseRelative(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TryParse(path, requireSegment: false, out var result, out var problem)
            ? result
            : throw new FormatException($"'{path}' is not a field path such as 3[2].4.2: {problem}");
    }

    /// <summary>The path as written by <see cref="Parse"/>.</summary>
    public override string ToString()
    {
        var text = SegmentName.Length == 0
            ? string.Empty
            : SegmentOccurrence == 1 ? SegmentName + "-" : $"{SegmentName}[{SegmentOccurrence}]-";
        text += Field.ToString(CultureInfo.InvariantCulture);
        if (Repetition > 0)
        {
            text += $"[{Repetition}]";
        }

        if (Component > 0)
        {
            text += $".{Component}";
        }

        if (Subcomponent > 0)
        {
            text += $".{Subcomponent}";
        }

        return text;
    }

    private static bool TryParse(string? path, bool requireSegment, out Hl7Path result, out string problem)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(path))
        {
            problem = "the path is empty";
            return false;
        }

        var span = path.AsSpan().Trim();
        var position = 0;
        var segmentName = string.Empty;
        var occurrence = 1;
        var dash = span.IndexOf('-');
        if (requireSegment || dash >= 0)
        {
            if (dash != 3 && !(dash > 3 && span[3] == '['))
            {
                problem = "it must start with a three-character segment name and a dash";
                return false;
            }

            var name = span[..3];
            if (!char.IsAsciiLetterUpper(name[0]) || !IsNameCharacter(name[1]) || !IsNameCharacter(name[2]))
            {
                problem = $"'{name}' is not a segment name";
                return false;
            }

            segmentName = name switch
            {
                "MSH" => "MSH",
                "EVN" => "EVN",
                "PID" => "PID",
                "PV1" => "PV1",
                "PV2" => "PV2",
                "MRG" => "MRG",
                "ZBE" => "ZBE",
                "OBX" => "OBX",
                "OBR" => "OBR",
                "MSA" => "MSA",
                "ERR" => "ERR",
                _ => name.ToString(),
            };
            position = 3;
            if (span[position] == '[' && !TryReadIndex(span, ref position, out occurrence, out problem))
            {
                return false;
            }

            if (position >= span.Length || span[position] != '-')
            {
                problem = "a dash must follow the segment";
                return false;
            }

            position++;
        }

        if (!TryReadNumber(span, ref position, out var field, out problem))
        {
            problem = "the field number is missing or not a positive number";
            return false;
        }

        var repetition = 0;
        if (position < span.Length && span[position] == '[' && !TryReadIndex(span, ref position, out repetition, out problem))
        {
            return false;
        }

        var component = 0;
        var subcomponent = 0;
        if (position < span.Length && span[position] == '.')
        {
            position++;
            if (!TryReadNumber(span, ref position, out component, out problem))
            {
                problem = "the component number is missing or not a positive number";
                return false;
            }

            if (position < span.Length && span[position] == '.')
            {
                position++;
                if (!TryReadNumber(span, ref position, out subcomponent, out problem))
                {
                    problem = "the subcomponent number is missing or not a positive number";
                    return false;
                }
            }
        }

        if (position != span.Length)
        {
            problem = $"unexpected '{span[position..]}' at the end";
            return false;
        }

        result = new Hl7Path(segmentName, occurrence, field, repetition, component, subcomponent);
        problem = string.Empty;
        return true;
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);

    private static bool TryReadIndex(ReadOnlySpan<char> span, ref int position, out int value, out string problem)
    {
        position++;
        if (!TryReadNumber(span, ref position, out value, out problem) || position >= span.Length || span[position] != ']')
        {
            problem = "an index in brackets must be a positive number, such as [2]";
            return false;
        }

        position++;
        return true;
    }

    private static bool TryReadNumber(ReadOnlySpan<char> span, ref int position, out int value, out string problem)
    {
        var start = position;
        while (position < span.Length && char.IsAsciiDigit(span[position]))
        {
            position++;
        }

        problem = "not a number";
        return int.TryParse(span[start..position], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
    }
}
