using TeleSurv.Portal.Domain.Grading;

namespace TeleSurv.Portal.Domain.Questionnaires;

/// <summary>
/// A questionnaire as versioned data (see Definitions/*.json): PRO-CTCAE items with their wording and answer
/// scales, the recall period, and the non-PRO questions. A published version is never edited.
/// </summary>
public sealed class QuestionnaireDefinition
{
    public required string Code { get; init; }

    public required int Version { get; init; }

    public required LocalizedText Title { get; init; }

    /// <summary>Days the patient thinks back over (7 for PRO-CTCAE).</summary>
    public required int RecallPeriodDays { get; init; }

    public required LocalizedText Recall { get; init; }

    public required IReadOnlyDictionary<ProCtcaeAttributeKind, AnswerScale> Scales { get; init; }

    /// <summary>The items in the order they are asked.</summary>
    public required IReadOnlyList<SymptomItem> Items { get; init; }

    public required MeasurementQuestion Temperature { get; init; }

    public required MeasurementQuestion Weight { get; init; }

    /// <summary>"Do you think this needs attention today?"</summary>
    public required YesNoQuestion Urgency { get; init; }

    public required TextQuestion Comment { get; init; }

    public SymptomItem? FindItem(string key) => Items.FirstOrDefault(i => i.Key == key);

    /// <summary>Reads and checks a definition.</summary>
    /// <exception cref="InvalidDataException">The JSON is malformed or the definition is inconsistent.</exception>
    public static QuestionnaireDefinition Parse(string json) => QuestionnaireDefinitionReader.Read(json);
}
