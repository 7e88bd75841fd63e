namespace TeleSurv.Portal.Hl7;

/// <summary>
/// How many repetitions a field, and how many components and subcomponents one of its parts, a receiver accepts
/// (<see cref="Hl7Message.CheckLimits"/>). No data type of HL7 v2.5 needs more than about thirty components; the
/// defaults leave room for local Z segments while refusing the runs of thousands of separators that only a broken
/// or hostile sender writes.
/// </summary>
public sealed record Hl7FieldLimits
{
    /// <summary>Repetitions of one field (default 200).</summary>
    public int MaxRepetitions { get; init; } = 200;

    /// <summary>Components of one repetition (default 100).</summary>
    public int MaxComponents { get; init; } = 100;

    /// <summary>Subcomponents of one component (default 100).</summary>
    public int MaxSubcomponents { get; init; } = 100;

    /// <summary>The defaults.</summary>
    public static Hl7FieldLimits Default { get; } = new();
}
