using TeleSurv.Portal.Domain.Grading;

namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>One PRO-CTCAE item of a questionnaire: its attributes in asking order and the project's wording.</summary>
public sealed class SymptomItem
{
    /// <summary>NCI PRO-CTCAE item number.</summary>
    public required int Number { get; init; }

    /// <summary>Stable key used in submissions, answers, alerts and expected levels (e.g. "nausea").</summary>
    public required string Key { get; init; }

    /// <summary>The CTCAE term the item maps to.</summary>
    public required string CtcaeTerm { get; init; }

    public required LocalizedText Label { get; init; }

    /// <summary>Frequency, severity, interference in that order (a subset), or presence alone.</summary>
    public required IReadOnlyList<ProCtcaeAttributeKind> Attributes { get; init; }

    /// <summary>The question asked for each attribute.</summary>
    public required IReadOnlyDictionary<ProCtcaeAttributeKind, LocalizedText> Questions { get; init; }

    public bool IsPresenceItem => Attributes is [ProCtcaeAttributeKind.Presence];

    public bool Has(ProCtcaeAttributeKind attribute) => Attributes.Contains(attribute);

    /// <summary>
    /// NCI branching: the first attribute is always asked; each following one only when the one before it was
    /// asked and scored above 0 (so severity needs frequency &gt; 0, interference needs severity &gt; 0).
    /// Returns the attributes to ask given the scores answered so far.
    /// </summary>
    public IReadOnlyList<ProCtcaeAttributeKind> AttributesToAsk(SymptomAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var asked = new List<ProCtcaeAttributeKind>(Attributes.Count);
        foreach (var attribute in Attributes)
        {
            asked.Add(attribute);
            if (attribute == ProCtcaeAttributeKind.Presence || answer.Score(attribute) is not > 0)
            {
                break;
            }
        }

        return asked;
    }
}
