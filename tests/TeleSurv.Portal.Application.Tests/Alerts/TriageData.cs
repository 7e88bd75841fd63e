using System.Globalization;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Application.Tests.Alerts;

/// <summary>Builders of responses and the alerts they raise, on top of <see cref="TestData"/>.</summary>
public static class TriageData
{
    /// <summary>A questionnaire row of its own (code and version are unique in a database shared by a test class).</summary>
    public static Questionnaire Questionnaire() => new()
    {
        Code = "test-" + Guid.NewGuid().ToString("N")[..24],
        Version = 1,
        Definition = "{}",
        PublishedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    /// <summary>An answer graded by the published PRO-CTCAE table, as the submission grader would store it.</summary>
    public static ItemAnswer Answer(string itemKey, int? frequency = null, int? severity = null, int? interference = null) => new()
    {
        ItemKey = itemKey,
        Frequency = frequency,
        Severity = severity,
        Interference = interference,
        CompositeGrade = ProCtcaeGrading.CompositeGrade(frequency, severity, interference),
    };

    public static QuestionnaireResponse Response(
        Enrollment enrollment, Questionnaire questionnaire, DateOnly weekDueDate, DateTime submittedAt, params ItemAnswer[] answers) =>
        Response(enrollment, questionnaire, weekDueDate, submittedAt, temperatureCelsius: null, answers);

    public static QuestionnaireResponse Response(
        Enrollment enrollment, Questionnaire questionnaire, DateOnly weekDueDate, DateTime submittedAt, decimal? temperatureCelsius,
        params ItemAnswer[] answers) => new()
    {
        EnrollmentId = enrollment.Id,
        PatientId = enrollment.PatientId,
        QuestionnaireId = questionnaire.Id,
        WeekDueDate = weekDueDate,
        SubmittedAt = submittedAt,
        TemperatureCelsius = temperatureCelsius,
        GradingTableVersion = ProCtcaeGrading.TableVersion,
        ContentHash = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture),
        Answers = [.. answers],
    };

    /// <summary>The alert a response raised, open, with its findings; the worst symptom finding is shown on the row.</summary>
    public static Alert AlertFor(
        QuestionnaireResponse response, Enrollment enrollment, AlertPriority priority, DateTime raisedAt, TimeSpan slaTarget,
        params AlertFinding[] findings)
    {
        var worst = findings.Where(f => f.ItemKey is not null).OrderByDescending(f => f.Grade).FirstOrDefault();
        return new Alert
        {
            PatientId = enrollment.PatientId,
            EnrollmentId = enrollment.Id,
            EstablishmentId = enrollment.EstablishmentId,
            ResponseId = response.Id,
            Kind = AlertKind.Response,
            Priority = priority,
            Status = AlertStatus.Open,
            RaisedAt = raisedAt,
            SlaDueAt = raisedAt + slaTarget,
            WeekDueDate = response.WeekDueDate,
            WorstItemKey = worst?.ItemKey,
            WorstGrade = worst?.Grade,
            RulesVersion = "rules-test",
            Findings = [.. findings],
        };
    }

    public static AlertFinding Severe(string itemKey, int grade = 3, int? previousGrade = null) => new()
    {
        Rule = AlertRule.SevereSymptom,
        ItemKey = itemKey,
        Grade = grade,
        PreviousGrade = previousGrade,
        Priority = AlertPriority.High,
    };
}

/// <summary>Keeps every change published, in order, so that tests can count them.</summary>
public sealed class RecordingAlertNotifier : IAlertNotifier
{
    private readonly List<AlertChanged> _changes = [];

    public IReadOnlyList<AlertChanged> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    public void Publish(AlertChanged change)
    {
        lock (_changes)
        {
            _changes.Add(change);
        }
    }

    public IReadOnlyList<AlertChanged> For(Guid alertId) => [.. Changes.Where(c => c.AlertId == alertId)];
}
