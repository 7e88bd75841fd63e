namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>A versioned questionnaire definition, stored as data and never edited once published.</summary>
public sealed class Questionnaire : Entity
{
    public required string Code { get; init; }

    public int Version { get; init; }

    /// <summary>The definition (items, wording, branching) as JSON.</summary>
    public required string Definition { get; init; }

    public DateTime PublishedAt { get; init; }
}
