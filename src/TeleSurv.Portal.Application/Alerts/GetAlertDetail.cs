using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>
/// Everything a clinician needs to handle one alert: the patient banner, the findings with the answers behind
/// them and why they fired, the recent course of each symptom that fired, the actions so far, the patient's
/// previous alerts, and the report once resolved. <see cref="AlertDetail.Version"/> is what the next command sends.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("alert.read")]
public sealed record GetAlertDetailQuery(Guid AlertId) : IRequest<AlertDetail>, IAlertScopedRequest;

public sealed record AlertDetail
{
    /// <summary>Weeks of history shown for each symptom that fired.</summary>
    public const int TrendWeeks = 8;

    /// <summary>Previous alerts of the patient shown, newest first.</summary>
    public const int PreviousAlertsShown = 10;

    public required Guid AlertId { get; init; }

    /// <summary>The version to send with the next command on this alert.</summary>
    public required Guid Version { get; init; }

    public required AlertKind Kind { get; init; }

    public required AlertPriority Priority { get; init; }

    public required AlertStatus Status { get; init; }

    public required DateTime RaisedAt { get; init; }

    public required DateTime SlaDueAt { get; init; }

    public required bool IsOverdue { get; init; }

    public required DateOnly WeekDueDate { get; init; }

    public Guid? ClaimedById { get; init; }

    public string? ClaimedByName { get; init; }

    public DateTime? ClaimedAt { get; init; }

    public DateTime? FirstActionAt { get; init; }

    public DateTime? ResolvedAt { get; init; }

    public required string RulesVersion { get; init; }

    public required PatientBanner Patient { get; init; }

    /// <summary>The response that raised the alert; null for a missed week.</summary>
    public AlertResponseSummary? Response { get; init; }

    /// <summary>Most urgent first.</summary>
    public required IReadOnlyList<AlertFindingView> Findings { get; init; }

    /// <summary>The last <see cref="TrendWeeks"/> weeks of each symptom that fired, up to the alert's week.</summary>
    public required IReadOnlyList<SymptomTrend> Trends { get; init; }

    /// <summary>This alert's actions, oldest first.</summary>
    public required IReadOnlyList<AlertActionView> Actions { get; init; }

    public required IReadOnlyList<PreviousAlert> PreviousAlerts { get; init; }

    /// <summary>The latest version of the report, read-only; null until the alert is resolved.</summary>
    public AlertReportView? Report { get; init; }

    /// <summary>Every version of the report, oldest first.</summary>
    public required IReadOnlyList<AlertReportVersion> ReportVersions { get; init; }
}

public sealed record AlertResponseSummary(
    Guid ResponseId, DateTime SubmittedAt, decimal? TemperatureCelsius, decimal? WeightKg, bool PatientUrgent, string? Comment);

/// <summary>The patient's raw 0-4 answers to an item (null where branching did not ask), or yes/no for a presence item.</summary>
public sealed record ItemAnswerView(int? Frequency, int? Severity, int? Interference, bool? Present, int? CompositeGrade);

/// <param name="ConfirmedCtcaeGrade">The latest CTCAE grade a clinician confirmed for the item, if any.</param>
/// <param name="Explanation">Why the finding fired, from the rule and its values.</param>
public sealed record AlertFindingView(
    AlertRule Rule,
    LocalizedText RuleName,
    string? ItemKey,
    LocalizedText? ItemLabel,
    int? Grade,
    int? PreviousGrade,
    decimal? Value,
    AlertPriority Priority,
    ItemAnswerView? Answer,
    int? ConfirmedCtcaeGrade,
    LocalizedText Explanation);

/// <summary>A symptom's composite grade week by week; a week without a response has no grade.</summary>
public sealed record SymptomTrend(string ItemKey, LocalizedText Label, IReadOnlyList<TrendPoint> Points);

/// <param name="Answered">A response exists for the week (a null grade then means the item was not graded).</param>
public sealed record TrendPoint(DateOnly WeekDueDate, bool Answered, int? Grade);

/// <param name="Summary">The act in one line, from its kind and details.</param>
/// <param name="Details">The structured part as stored (JSON), for screens that show more than the summary.</param>
public sealed record AlertActionView(
    Guid ActionId,
    TriageActionKind Kind,
    DateTime At,
    Guid StaffMemberId,
    string StaffName,
    StaffRole StaffRole,
    LocalizedText Summary,
    string? Note,
    string? Details);

public sealed record PreviousAlert(
    Guid AlertId,
    AlertKind Kind,
    AlertPriority Priority,
    AlertStatus Status,
    DateTime RaisedAt,
    DateTime? ResolvedAt,
    string? WorstItemKey,
    int? WorstGrade,
    IReadOnlyList<AlertActionView> Actions);

/// <param name="WithdrawalReason">Set when this version withdraws the report: nothing more can be added to it.</param>
public sealed record AlertReportView(
    Guid ReportId, int VersionNumber, DateTime CreatedAt, string CreatedByName, StaffRole CreatedByRole, string? CorrectionNote, string Text,
    string? WithdrawalReason);

public sealed record AlertReportVersion(Guid ReportId, int VersionNumber, DateTime CreatedAt, string CreatedByName, string? CorrectionNote);

public sealed class GetAlertDetailQueryValidator : AbstractValidator<GetAlertDetailQuery>
{
    public GetAlertDetailQueryValidator() => RuleFor(q => q.AlertId).NotEmpty();
}

internal sealed class GetAlertDetailQueryHandler(
    IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider, IOptions<ScheduleOptions> scheduleOptions)
    : IRequestHandler<GetAlertDetailQuery, AlertDetail>
{
    public async ValueTask<AlertDetail> Handle(GetAlertDetailQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var options = scheduleOptions.Value;
        var timeZone = options.ResolveTimeZone();
        var today = CalendarDay.Of(now, timeZone);
        var establishmentIds = user.EstablishmentIds.ToArray();

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var alert = await db.Alerts.AsNoTracking().FirstAsync(a => a.Id == request.AlertId, cancellationToken);
        var claimedByName = alert.ClaimedById is { } holderId
            ? await db.StaffMembers.AsNoTracking().Where(s => s.Id == holderId).Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken)
            : null;
        var banner = await PatientBanners.ForEnrollmentAsync(db, alert.EnrollmentId, today, cancellationToken);
        var response = alert.ResponseId is { } responseId
            ? await db.QuestionnaireResponses.AsNoTracking().FirstOrDefaultAsync(r => r.Id == responseId, cancellationToken)
            : null;

        var actions = (await db.TriageActions.AsNoTracking().Where(t => t.AlertId == alert.Id).ToListAsync(cancellationToken))
            .InOrder()
            .ToList();
        var confirmed = ConfirmedGrades(actions);
        var answers = response?.Answers.ToDictionary(a => a.ItemKey, StringComparer.Ordinal) ?? [];

        var findings = AlertReason.InPriorityOrder(alert.Findings)
            .Select(f =>
            {
                var answer = f.ItemKey is null ? null : answers.GetValueOrDefault(f.ItemKey);
                return new AlertFindingView(
                    f.Rule,
                    FindingExplanation.RuleName(f.Rule),
                    f.ItemKey,
                    f.ItemKey is null ? null : FindingExplanation.ItemLabel(f.ItemKey),
                    f.Grade,
                    f.PreviousGrade,
                    f.Value,
                    f.Priority,
                    answer is null ? null : new ItemAnswerView(answer.Frequency, answer.Severity, answer.Interference, answer.Present, answer.CompositeGrade),
                    f.ItemKey is not null && confirmed.TryGetValue(f.ItemKey, out var grade) ? grade : null,
                    FindingExplanation.Explain(f, answer, alert.WeekDueDate));
            })
            .ToList();

        var trends = await TrendsAsync(db, alert, findings, options, cancellationToken);
        var previous = await PreviousAlertsAsync(db, alert, establishmentIds, timeZone, cancellationToken);
        var reports = await db.AlertReports.AsNoTracking()
            .Where(r => r.AlertId == alert.Id)
            .OrderBy(r => r.VersionNumber)
            .ToListAsync(cancellationToken);
        var latest = reports.LastOrDefault();

        AuditDetails.Current?.Detail = $"Alert {alert.Status}, {actions.Count} action(s), {reports.Count} report version(s).";
        return new AlertDetail
        {
            AlertId = alert.Id,
            Version = alert.Version,
            Kind = alert.Kind,
            Priority = alert.Priority,
            Status = alert.Status,
            RaisedAt = alert.RaisedAt,
            SlaDueAt = alert.SlaDueAt,
            IsOverdue = alert.IsOverdueAt(now),
            WeekDueDate = alert.WeekDueDate,
            ClaimedById = alert.ClaimedById,
            ClaimedByName = claimedByName,
            ClaimedAt = alert.ClaimedAt,
            FirstActionAt = alert.FirstActionAt,
            ResolvedAt = alert.ResolvedAt,
            RulesVersion = alert.RulesVersion,
            Patient = banner,
            Response = response is null
                ? null
                : new AlertResponseSummary(response.Id, response.SubmittedAt, response.TemperatureCelsius, response.WeightKg, response.PatientUrgent, response.Comment),
            Findings = findings,
            Trends = trends,
            Actions = [.. actions.Select(a => View(a, timeZone))],
            PreviousAlerts = previous,
            Report = latest is null
                ? null
                : new AlertReportView(latest.Id, latest.VersionNumber, latest.CreatedAt, latest.CreatedByName, latest.CreatedByRole, latest.CorrectionNote, latest.Text,
                    latest.WithdrawalReason),
            ReportVersions = [.. reports.Select(r => new AlertReportVersion(r.Id, r.VersionNumber, r.CreatedAt, r.CreatedByName, r.CorrectionNote))],
        };
    }

    internal static AlertActionView View(TriageAction action, TimeZoneInfo timeZone) => new(
        action.Id, action.Kind, action.At, action.StaffMemberId, action.StaffName, action.StaffRole,
        TriageActionText.Describe(action.Kind, action.Details, timeZone), action.Note, action.Details);

    private static Dictionary<string, int> ConfirmedGrades(IEnumerable<TriageAction> actionsInOrder) =>
        actionsInOrder
            .Where(a => a.Kind == TriageActionKind.GradeConfirmed)
            .Select(a => TriageActionDetails.Read<GradeConfirmationDetails>(a))
            .OfType<GradeConfirmationDetails>()
            .GroupBy(d => d.ItemKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().CtcaeGrade, StringComparer.Ordinal);

    /// <summary>
    /// Each symptom that fired, over the scheduled weeks of the enrolment (and any answered week) whose due date is
    /// within <see cref="AlertDetail.TrendWeeks"/> weeks up to the alert's week.
    /// </summary>
    private static async Task<IReadOnlyList<SymptomTrend>> TrendsAsync(
        IPortalDbContext db, Alert alert, IReadOnlyList<AlertFindingView> findings, ScheduleOptions options, CancellationToken cancellationToken)
    {
        var itemKeys = findings.Where(f => f.ItemKey is not null).Select(f => f.ItemKey!).Distinct(StringComparer.Ordinal).ToArray();
        if (itemKeys.Length == 0)
        {
            return [];
        }

        var last = alert.WeekDueDate;
        var first = last.AddDays(-7 * AlertDetail.TrendWeeks + 1);
        var responses = await db.QuestionnaireResponses.AsNoTracking()
            .Where(r => r.EnrollmentId == alert.EnrollmentId && r.WeekDueDate >= first && r.WeekDueDate <= last)
            .ToListAsync(cancellationToken);
        var enrollment = await db.Enrollments.AsNoTracking().FirstAsync(e => e.Id == alert.EnrollmentId, cancellationToken);
        var weeks = QuestionnaireSchedule.For(enrollment, options).Weeks
            .Select(w => w.DueDate)
            .Where(d => d >= first && d <= last)
            .Union(responses.Select(r => r.WeekDueDate))
            .Order()
            .ToList();
        var byWeek = responses.ToDictionary(r => r.WeekDueDate);

        return
        [
            .. itemKeys.Select(key => new SymptomTrend(
                key,
                FindingExplanation.ItemLabel(key),
                [
                    .. weeks.Select(week => byWeek.TryGetValue(week, out var response)
                        ? new TrendPoint(week, true, response.Answers.FirstOrDefault(a => a.ItemKey == key)?.CompositeGrade)
                        : new TrendPoint(week, false, null)),
                ])),
        ];
    }

    private static async Task<IReadOnlyList<PreviousAlert>> PreviousAlertsAsync(
        IPortalDbContext db, Alert alert, Guid[] establishmentIds, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var previous = await db.Alerts.AsNoTracking()
            .Where(a => a.PatientId == alert.PatientId && a.Id != alert.Id && establishmentIds.Contains(a.EstablishmentId)
                && a.RaisedAt <= alert.RaisedAt)
            .OrderByDescending(a => a.RaisedAt)
            .ThenByDescending(a => a.Id)
            .Take(AlertDetail.PreviousAlertsShown)
            .Select(a => new { a.Id, a.Kind, a.Priority, a.Status, a.RaisedAt, a.ResolvedAt, a.WorstItemKey, a.WorstGrade })
            .ToListAsync(cancellationToken);
        var ids = previous.Select(p => p.Id).ToArray();
        var actions = (await db.TriageActions.AsNoTracking().Where(t => ids.Contains(t.AlertId)).ToListAsync(cancellationToken))
            .InOrder()
            .ToLookup(t => t.AlertId);

        return
        [
            .. previous.Select(p => new PreviousAlert(
                p.Id, p.Kind, p.Priority, p.Status, p.RaisedAt, p.ResolvedAt, p.WorstItemKey, p.WorstGrade,
                [.. actions[p.Id].Select(a => View(a, timeZone))])),
        ];
    }
}
