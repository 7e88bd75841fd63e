using TeleSurv.Portal.Domain.Grading;

namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>
/// What a patient sends for one week, before validation: answers by item key plus the non-PRO questions.
/// Property names are those of the JSON body, so validation errors name the fields the client sent.
/// </summary>
public sealed class QuestionnaireSubmission
{
    public IReadOnlyDictionary<string, SymptomAnswer?> Items { get; init; } = new Dictionary<string, SymptomAnswer?>();

    public decimal? TemperatureCelsius { get; init; }

    public decimal? WeightKg { get; init; }

    /// <summary>The patient's answer to "Do you think this needs attention today?".</summary>
    public bool? PatientUrgent { get; init; }

    public string? Comment { get; init; }
}

/// <summary>Raw answers to one item: 0-4 scores of the attributes asked, or yes/no for a presence item.</summary>
public sealed record SymptomAnswer
{
    public int? Frequency { get; init; }

    public int? Severity { get; init; }

    public int? Interference { get; init; }

    public bool? Present { get; init; }

    /// <summary>The answer to one attribute as a score (presence: 1 yes, 0 no); null when not answered.</summary>
    public int? Score(ProCtcaeAttributeKind attribute) => attribute switch
    {
        ProCtcaeAttributeKind.Frequency => Frequency,
        ProCtcaeAttributeKind.Severity => Severity,
        ProCtcaeAttributeKind.Interference => Interference,
        ProCtcaeAttributeKind.Presence => Present switch
        {
            null => null,
            true => 1,
            false => 0,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(attribute), attribute, null),
    };
}
