using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Application.Questionnaires;

/// <summary>
/// A stored response as its sender sees it: the week, the grades computed, and the alert it raised if any.
/// <see cref="Created"/> is false when an identical resubmission returned the response already stored.
/// </summary>
public sealed record QuestionnaireSubmissionResult(
    Guid ResponseId,
    DateOnly Week,
    DateTime SubmittedAt,
    string QuestionnaireCode,
    int QuestionnaireVersion,
    string GradingTableVersion,
    IReadOnlyList<ItemGrade> Grades,
    RaisedAlert? Alert,
    bool Created)
{
    /// <summary>The number of the establishment's oncology unit (null when it has not set one).</summary>
    public string? UnitPhone { get; init; }
}

/// <summary>One item's raw answers (null when not asked) and its composite grade 0-3 (null for a yes/no item).</summary>
public sealed record ItemGrade(string ItemKey, int? Frequency, int? Severity, int? Interference, bool? Present, int? CompositeGrade);

/// <summary>The alert a response raised: the care team is told, with this priority.</summary>
public sealed record RaisedAlert(Guid AlertId, AlertPriority Priority)
{
    /// <summary>
    /// An urgent finding (suspected febrile neutropenia, or any finding the rules make urgent) cannot wait for the
    /// team's call: the patient is told to call the oncology unit now.
    /// </summary>
    public bool CallUnitNow => Priority == AlertPriority.Urgent;
}

internal static class QuestionnaireSubmissionResults
{
    public static QuestionnaireSubmissionResult For(
        QuestionnaireResponse response, QuestionnaireDefinition definition, Alert? alert, bool created, string? unitPhone) =>
        new(
            response.Id,
            response.WeekDueDate,
            response.SubmittedAt,
            definition.Code,
            definition.Version,
            response.GradingTableVersion,
            InQuestionnaireOrder(response.Answers, definition),
            alert is null ? null : new RaisedAlert(alert.Id, alert.Priority),
            created)
        {
            UnitPhone = unitPhone,
        };

    /// <summary>The week's stored response with its answers, its questionnaire and its alert, read back.</summary>
    public static async Task<StoredSubmission?> ReadAsync(
        IPortalDbContext db, Guid enrollmentId, DateOnly week, CancellationToken cancellationToken)
    {
        var response = await db.QuestionnaireResponses.AsNoTracking()
            .Include(r => r.Answers)
            .FirstOrDefaultAsync(r => r.EnrollmentId == enrollmentId && r.WeekDueDate == week, cancellationToken);
        return response is null
            ? null
            : new StoredSubmission(await DescribeAsync(db, response, cancellationToken), response.ContentHash, response.SubmittedAt);
    }

    public static async Task<QuestionnaireSubmissionResult> DescribeAsync(
        IPortalDbContext db, QuestionnaireResponse response, CancellationToken cancellationToken)
    {
        var questionnaire = await db.Questionnaires.AsNoTracking()
            .Where(q => q.Id == response.QuestionnaireId)
            .Select(q => new { q.Code, q.Version })
            .FirstAsync(cancellationToken);
        var alert = await db.Alerts.AsNoTracking()
            .Where(a => a.ResponseId == response.Id)
            .Select(a => new { a.Id, a.Priority })
            .FirstOrDefaultAsync(cancellationToken);
        var definition = QuestionnaireCatalog.Get(questionnaire.Code, questionnaire.Version).Definition;
        return new QuestionnaireSubmissionResult(
            response.Id,
            response.WeekDueDate,
            response.SubmittedAt,
            questionnaire.Code,
            questionnaire.Version,
            response.GradingTableVersion,
            InQuestionnaireOrder(response.Answers, definition),
            alert is null ? null : new RaisedAlert(alert.Id, alert.Priority),
            Created: false)
        {
            UnitPhone = await UnitPhoneAsync(db, response.EnrollmentId, cancellationToken),
        };
    }

    /// <summary>The oncology unit's number of the establishment that follows the enrollment.</summary>
    public static Task<string?> UnitPhoneAsync(IPortalDbContext db, Guid enrollmentId, CancellationToken cancellationToken) =>
        db.Enrollments.AsNoTracking()
            .Where(e => e.Id == enrollmentId)
            .Join(db.Establishments, e => e.EstablishmentId, s => s.Id, (e, s) => s.UnitPhone)
            .FirstOrDefaultAsync(cancellationToken);

    private static List<ItemGrade> InQuestionnaireOrder(IEnumerable<ItemAnswer> answers, QuestionnaireDefinition definition)
    {
        var order = definition.Items.Select((item, index) => (item.Key, index)).ToDictionary(p => p.Key, p => p.index);
        return
        [
            .. answers
                .OrderBy(a => order.TryGetValue(a.ItemKey, out var index) ? index : int.MaxValue)
                .ThenBy(a => a.ItemKey, StringComparer.Ordinal)
                .Select(a => new ItemGrade(a.ItemKey, a.Frequency, a.Severity, a.Interference, a.Present, a.CompositeGrade)),
        ];
    }
}

/// <summary>A stored response's result, and what tells whether a resubmission is the same.</summary>
internal sealed record StoredSubmission(QuestionnaireSubmissionResult Result, string ContentHash, DateTime SubmittedAt);
