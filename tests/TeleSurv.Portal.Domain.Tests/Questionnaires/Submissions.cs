using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Domain.Tests.Questionnaires;

/// <summary>Builds submissions for the weekly questionnaire: every item answered "none", then the changes a test makes.</summary>
internal static class Submissions
{
    public static QuestionnaireDefinition Weekly => QuestionnaireCatalog.Current;

    public static Dictionary<string, SymptomAnswer?> NothingToReport() =>
        Weekly.Items.ToDictionary(
            i => i.Key,
            i => (SymptomAnswer?)(i.IsPresenceItem
                ? new SymptomAnswer { Present = false }
                : i.Attributes[0] switch
                {
                    Domain.Grading.ProCtcaeAttributeKind.Frequency => new SymptomAnswer { Frequency = 0 },
                    Domain.Grading.ProCtcaeAttributeKind.Severity => new SymptomAnswer { Severity = 0 },
                    _ => new SymptomAnswer { Interference = 0 },
                }));

    public static QuestionnaireSubmission With(
        Action<Dictionary<string, SymptomAnswer?>>? change = null,
        decimal? temperature = null,
        decimal? weight = null,
        bool? urgent = false,
        string? comment = null)
    {
        var items = NothingToReport();
        change?.Invoke(items);
        return new QuestionnaireSubmission
        {
            Items = items,
            TemperatureCelsius = temperature,
            WeightKg = weight,
            PatientUrgent = urgent,
            Comment = comment,
        };
    }

    public static SubmissionGrading Grade(QuestionnaireSubmission submission) =>
        SubmissionGrader.Grade(Weekly, submission);
}
