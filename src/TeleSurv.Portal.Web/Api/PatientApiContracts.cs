using System.Globalization;
using System.Resources;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Web.Localization;

namespace TeleSurv.Portal.Web.Api;

/// <summary>The JSON documents the patient API answers with (see docs/api.md).</summary>
internal static class PatientApiContracts
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // French text readable as such ("Légère", not "L\u00E9g\u00E8re"); HTML-sensitive characters stay escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    // The patient pages' own words, in both languages: the API and the confirmation page say the same thing.
    private static readonly ResourceManager Texts = new(
        "TeleSurv.Portal.Web.Resources.Localization.SharedResource", typeof(SharedResource).Assembly);

    public static SubmissionDocument Submission(QuestionnaireSubmissionResult result) => new(
        result.ResponseId,
        result.Week,
        result.SubmittedAt,
        new QuestionnaireVersionDocument(result.QuestionnaireCode, result.QuestionnaireVersion),
        result.GradingTableVersion,
        [.. result.Grades.Select(g => new GradeDocument(g.ItemKey, g.Frequency, g.Severity, g.Interference, g.Present, g.CompositeGrade))],
        result.Alert is null
            ? null
            : new AlertDocument(
                result.Alert.AlertId,
                result.Alert.Priority.ToString().ToLowerInvariant(),
                result.Alert.CallUnitNow,
                result.UnitPhone,
                Advice(result.Alert, result.UnitPhone)));

    /// <summary>What the patient is told to do now that their answers raised an alert.</summary>
    public static LocalizedText Advice(RaisedAlert alert, string? unitPhone)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new LocalizedText(Text(alert, unitPhone, PortalCultures.French), Text(alert, unitPhone, PortalCultures.English));

        static string Text(RaisedAlert alert, string? unitPhone, CultureInfo culture)
        {
            if (!alert.CallUnitNow)
            {
                return Texts.GetString("Patient.Followup", culture)!;
            }

            return unitPhone is null
                ? Texts.GetString("Patient.CallNowNoNumber", culture)!
                : string.Format(culture, Texts.GetString("Patient.CallNow", culture)!, unitPhone);
        }
    }

    public static QuestionnaireDocument Questionnaire(PatientLinkContext context)
    {
        var definition = QuestionnaireCatalog.Get(context.QuestionnaireCode, context.QuestionnaireVersion).Definition;
        return new QuestionnaireDocument(
            new PatientDocument(context.FirstName),
            Week(context.OpenWeek),
            Week(context.NextWeek),
            context.LinkExpiresAt,
            context.UnitPhone,
            Definition(definition));
    }

    private static WeekDocument? Week(QuestionnaireWeek? week) =>
        week is null ? null : new WeekDocument(week.DueDate, week.OpensAt, week.ClosesAt, week.Answered, week.AnsweredAt);

    private static DefinitionDocument Definition(QuestionnaireDefinition definition) => new(
        definition.Code,
        definition.Version,
        definition.Title,
        definition.RecallPeriodDays,
        definition.Recall,
        definition.Scales.OrderBy(s => s.Key).ToDictionary(
            s => Name(s.Key),
            s => s.Value.Labels.Select((label, score) => new ScaleLabelDocument(score, label.Fr, label.En)).ToList()),
        [.. definition.Items.Select(Item)],
        Measurement(definition.Temperature),
        Measurement(definition.Weight),
        new YesNoDocument(definition.Urgency.Question, definition.Urgency.Hint, definition.Urgency.Required),
        new TextDocument(definition.Comment.Question, definition.Comment.MaxLength));

    private static ItemDocument Item(SymptomItem item) => new(
        item.Key,
        item.Number,
        item.Label,
        [
            .. item.Attributes.Select((attribute, index) => new QuestionDocument(
                Name(attribute),
                item.Questions[attribute],
                index == 0 ? null : new AskedWhenDocument(Name(item.Attributes[index - 1]), 0))),
        ]);

    private static MeasurementDocument Measurement(MeasurementQuestion question) =>
        new(question.Question, question.Hint, question.Unit, question.Min, question.Max, question.Step, question.Required);

    private static string Name(ProCtcaeAttributeKind attribute) => attribute switch
    {
        ProCtcaeAttributeKind.Presence => "present",
        _ => attribute.ToString().ToLowerInvariant(),
    };
}

internal sealed record SubmissionDocument(
    Guid ResponseId,
    DateOnly Week,
    DateTime SubmittedAt,
    QuestionnaireVersionDocument Questionnaire,
    string GradingTableVersion,
    IReadOnlyList<GradeDocument> Grades,
    AlertDocument? Alert);

internal sealed record QuestionnaireVersionDocument(string Code, int Version);

internal sealed record GradeDocument(string Item, int? Frequency, int? Severity, int? Interference, bool? Present, int? CompositeGrade);

/// <summary>
/// The alert the answers raised. <see cref="CallUnitNow"/>: an urgent finding, the patient must call the oncology
/// unit (<see cref="UnitPhone"/>) now rather than wait for the team's call; <see cref="Advice"/> says so in words.
/// </summary>
internal sealed record AlertDocument(Guid Id, string Priority, bool CallUnitNow, string? UnitPhone, LocalizedText Advice);

internal sealed record QuestionnaireDocument(
    PatientDocument Patient, WeekDocument? OpenWeek, WeekDocument? NextWeek, DateTime LinkExpiresAt, string? UnitPhone, DefinitionDocument Questionnaire);

internal sealed record PatientDocument(string FirstName);

internal sealed record WeekDocument(DateOnly Week, DateTime OpensAt, DateTime ClosesAt, bool Answered, DateTime? AnsweredAt);

internal sealed record DefinitionDocument(
    string Code,
    int Version,
    LocalizedText Title,
    int RecallPeriodDays,
    LocalizedText Recall,
    IReadOnlyDictionary<string, List<ScaleLabelDocument>> Scales,
    IReadOnlyList<ItemDocument> Items,
    MeasurementDocument TemperatureCelsius,
    MeasurementDocument WeightKg,
    YesNoDocument PatientUrgent,
    TextDocument Comment);

internal sealed record ScaleLabelDocument(int Score, string Fr, string En);

/// <summary>An item: its questions in asking order; each after the first is asked only when the one before scored above 0.</summary>
internal sealed record ItemDocument(string Key, int Number, LocalizedText Label, IReadOnlyList<QuestionDocument> Questions);

internal sealed record QuestionDocument(string Answer, LocalizedText Text, AskedWhenDocument? AskedWhen);

/// <summary>The question is asked only when the answer named scored above the value.</summary>
internal sealed record AskedWhenDocument(string Answer, int Above);

internal sealed record MeasurementDocument(
    LocalizedText Question, LocalizedText? Hint, string Unit, decimal Min, decimal Max, decimal Step, bool Required);

internal sealed record YesNoDocument(LocalizedText Question, LocalizedText? Hint, bool Required);

internal sealed record TextDocument(LocalizedText Question, int MaxLength);
