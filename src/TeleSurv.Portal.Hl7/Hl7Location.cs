namespace TeleSurv.Portal.Hl7;

/// <summary>
/// Where a problem is, in the terms of ERR-2 (data type ERL): the segment's name, its position in the message
/// (1-based), then field, repetition, component and subcomponent (1-based; 0 when the problem is not that deep).
/// </summary>
public readonly record struct Hl7Location(
    string SegmentName,
    int SegmentSequence,
    int Field = 0,
    int Repetition = 0,
    int Component = 0,
    int Subcomponent = 0)
{
    /// <summary>A location that names nothing: the message as a whole.</summary>
    public static Hl7Location None { get; } = new(string.Empty, 0);

    /// <summary>True when the location names a segment.</summary>
    public bool IsKnown => SegmentName.Length > 0;

    /// <summary>The location written as a path, for logs and messages: <c>PID[1]-3[2].4.2</c>.</summary>
    public override string ToString()
    {
        if (!IsKnown)
        {
            return "message";
        }

        var text = $"{SegmentName}[{SegmentSequence}]";
        if (Field > 0)
        {
            text += $"-{Field}";
            if (Repetition > 0)
            {
                text += $"[{Repetition}]";
            }

            if (Component > 0)
            {
                text += $".{Component}";
                if (Subcomponent > 0)
                {
                    text += $".{Subcomponent}";
                }
            }
        }

        return text;
    }
}
