using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Dashboard;

/// <summary>
/// The telemonitoring activity of the user's establishments (or one of them) over a period of calendar days
/// (the patients' time zone), as defined on <see cref="DashboardFigures"/>.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist, StaffRole.Admin)]
[Audited("dashboard.read")]
public sealed record GetDashboardQuery : IRequest<DashboardFigures>, IEstablishmentFilteredRequest
{
    public const int DefaultDays = 84;

    public const int MaxDays = 366;

    public Guid? EstablishmentId { get; init; }

    /// <summary>First day of the period; <see cref="DefaultDays"/> days before <see cref="To"/> when not given.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day of the period, included; today when not given.</summary>
    public DateOnly? To { get; init; }
}

/// <summary>
/// <list type="bullet">
/// <item><see cref="OpenAlerts"/>: alerts not resolved now, by priority (whatever the period).</item>
/// <item><see cref="AlertsRaised"/>: alerts raised during the period; the figures below are about them.</item>
/// <item><see cref="Sla"/>: of those whose SLA is decided (resolved, or still open past their due time), the share
/// resolved by their due time. An open alert still within its time is not counted yet.</item>
/// <item><see cref="MedianTimeToFirstAction"/>: median time from raising to the first act for the patient (see
/// <see cref="Alert.FirstActionAt"/>: a claim does not count), over the alerts acted on; null when none was.</item>
/// <item><see cref="Adherence"/>: over the enrolments active now, the questionnaires due during the period whose
/// answer is settled (answered, or missed by the non-responder rule), the share answered.</item>
/// <item><see cref="NonResponders"/>: active enrolments with questionnaires missed (by the non-responder rule) since
/// their last answer, counting the weeks due by the end of the period; the longest run of missed weeks first.</item>
/// <item><see cref="VolumeByWeek"/>: alerts raised per week (weeks start on Monday), every week of the period listed.</item>
/// </list>
/// </summary>
public sealed record DashboardFigures(
    DateOnly From,
    DateOnly To,
    AlertCountsByPriority OpenAlerts,
    int AlertsRaised,
    Ratio Sla,
    TimeSpan? MedianTimeToFirstAction,
    int AlertsActedOn,
    Ratio Adherence,
    IReadOnlyList<NonResponderRow> NonResponders,
    IReadOnlyList<WeeklyAlertVolume> VolumeByWeek);

public sealed record AlertCountsByPriority(int Urgent, int High, int Medium, int Low)
{
    public int Total => Urgent + High + Medium + Low;
}

/// <summary>A count out of a total, and their share in percent (null when the total is 0).</summary>
public sealed record Ratio(int Count, int OutOf)
{
    public double? Percent => OutOf == 0 ? null : Math.Round(100.0 * Count / OutOf, 1);
}

/// <param name="LastAnsweredWeek">Due date of the latest week answered; null when none ever was.</param>
/// <param name="MissedWeeks">Weeks missed in a row, up to the end of the period.</param>
public sealed record NonResponderRow(
    Guid PatientId,
    string PatientName,
    int PatientAge,
    string Ipp,
    Guid EnrollmentId,
    Guid EstablishmentId,
    DateOnly? LastAnsweredWeek,
    DateOnly LastMissedWeek,
    int MissedWeeks);

/// <param name="WeekStart">The Monday the week starts on.</param>
public sealed record WeeklyAlertVolume(DateOnly WeekStart, int Urgent, int High, int Medium, int Low)
{
    public int Total => Urgent + High + Medium + Low;
}

public sealed class GetDashboardQueryValidator : AbstractValidator<GetDashboardQuery>
{
    public GetDashboardQueryValidator()
    {
        RuleFor(q => q.From).LessThanOrEqualTo(q => q.To).When(q => q.From is not null && q.To is not null)
            .WithMessage("La période commence après sa fin. / The period starts after it ends.");
        RuleFor(q => q.To)
            .Must((q, to) => q.From is not { } from || to is not { } last || last.DayNumber - from.DayNumber < GetDashboardQuery.MaxDays)
            .WithMessage($"La période dure au plus {GetDashboardQuery.MaxDays} jours. / The period is at most {GetDashboardQuery.MaxDays} days long.");
    }
}

internal sealed class GetDashboardQueryHandler(
    IPortalDbContextFactory dbContextFactory,
    ICurrentUser user,
    TimeProvider timeProvider,
    IOptions<ScheduleOptions> scheduleOptions,
    IOptions<AlertRuleOptions> alertRuleOptions)
    : IRequestHandler<GetDashboardQuery, DashboardFigures>
{
    public async ValueTask<DashboardFigures> Handle(GetDashboardQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var schedule = scheduleOptions.Value;
        var timeZone = schedule.ResolveTimeZone();
        var today = CalendarDay.Of(now, timeZone);
        var to = request.To ?? today;
        var from = request.From ?? to.AddDays(-GetDashboardQuery.DefaultDays + 1);
        var start = CalendarDay.StartUtc(from, timeZone);
        var end = CalendarDay.StartUtc(to.AddDays(1), timeZone);
        Guid[] establishmentIds = request.EstablishmentId is { } one ? [one] : [.. user.EstablishmentIds];

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var inScope = db.Alerts.AsNoTracking().Where(a => establishmentIds.Contains(a.EstablishmentId));

        var unresolved = AlertOrdering.Unresolved;
        var open = await inScope
            .Where(a => unresolved.Contains(a.Status))
            .GroupBy(a => a.Priority)
            .Select(g => new { Priority = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Priority, g => g.Count, cancellationToken);

        var raised = await inScope
            .Where(a => a.RaisedAt >= start && a.RaisedAt < end)
            .Select(a => new { a.RaisedAt, a.SlaDueAt, a.ResolvedAt, a.FirstActionAt, a.Priority })
            .ToListAsync(cancellationToken);

        var slaDecided = raised.Where(a => a.ResolvedAt is not null || a.SlaDueAt <= now).ToList();
        var withinSla = slaDecided.Count(a => a.ResolvedAt <= a.SlaDueAt);
        var delays = raised.Where(a => a.FirstActionAt is not null).Select(a => a.FirstActionAt!.Value - a.RaisedAt).ToList();

        var byWeek = raised.ToLookup(a => MondayOf(CalendarDay.Of(a.RaisedAt, timeZone)), a => a.Priority);
        var weeks = new List<WeeklyAlertVolume>();
        for (var monday = MondayOf(from); monday <= to; monday = monday.AddDays(7))
        {
            var week = byWeek[monday].ToList();
            weeks.Add(new WeeklyAlertVolume(
                monday,
                week.Count(p => p == AlertPriority.Urgent),
                week.Count(p => p == AlertPriority.High),
                week.Count(p => p == AlertPriority.Medium),
                week.Count(p => p == AlertPriority.Low)));
        }

        var (adherence, nonResponders) = await QuestionnairesAsync(db, establishmentIds, from, to, now, schedule, timeZone, today, cancellationToken);

        AuditDetails.Current?.Detail = AuditDetails.NamingPatients(
            $"Dashboard {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: {raised.Count} alert(s), {nonResponders.Count} non-responder(s).", nonResponders.Select(r => r.PatientId));
        return new DashboardFigures(
            from,
            to,
            new AlertCountsByPriority(
                open.GetValueOrDefault(AlertPriority.Urgent),
                open.GetValueOrDefault(AlertPriority.High),
                open.GetValueOrDefault(AlertPriority.Medium),
                open.GetValueOrDefault(AlertPriority.Low)),
            raised.Count,
            new Ratio(withinSla, slaDecided.Count),
            Median(delays),
            delays.Count,
            adherence,
            nonResponders,
            weeks);
    }

    private async Task<(Ratio Adherence, IReadOnlyList<NonResponderRow> NonResponders)> QuestionnairesAsync(
        IPortalDbContext db, Guid[] establishmentIds, DateOnly from, DateOnly to, DateTime now, ScheduleOptions schedule,
        TimeZoneInfo timeZone, DateOnly today, CancellationToken cancellationToken)
    {
        var graceDays = alertRuleOptions.Value.NonResponderGraceDays;
        var active = db.Enrollments.AsNoTracking()
            .Where(e => establishmentIds.Contains(e.EstablishmentId) && e.Status == EnrollmentStatus.Active);
        var enrollments = await active.ToListAsync(cancellationToken);
        var answeredInPeriod = (await db.QuestionnaireResponses.AsNoTracking()
                .Where(r => active.Select(e => e.Id).Contains(r.EnrollmentId) && r.WeekDueDate >= from && r.WeekDueDate <= to)
                .Select(r => new { r.EnrollmentId, r.WeekDueDate })
                .ToListAsync(cancellationToken))
            .Select(r => (r.EnrollmentId, r.WeekDueDate))
            .ToHashSet();
        var lastAnswered = await db.QuestionnaireResponses.AsNoTracking()
            .Where(r => active.Select(e => e.Id).Contains(r.EnrollmentId) && r.WeekDueDate <= to)
            .GroupBy(r => r.EnrollmentId)
            .Select(g => new { EnrollmentId = g.Key, Week = g.Max(r => r.WeekDueDate) })
            .ToDictionaryAsync(g => g.EnrollmentId, g => g.Week, cancellationToken);

        var answered = 0;
        var settled = 0;
        var missing = new List<(Enrollment Enrollment, DateOnly? LastAnswered, DateOnly LastMissed, int Missed)>();
        foreach (var enrollment in enrollments)
        {
            var weeks = QuestionnaireSchedule.For(enrollment, schedule).Weeks;
            bool IsMissed(DateOnly due) => NonResponderRule.IsMissed(due, graceDays, now, hasResponse: false, timeZone);

            foreach (var week in weeks.Where(w => w.DueDate >= from && w.DueDate <= to))
            {
                if (answeredInPeriod.Contains((enrollment.Id, week.DueDate)))
                {
                    answered++;
                    settled++;
                }
                else if (IsMissed(week.DueDate))
                {
                    settled++;
                }
            }

            // The run of missed weeks since the last answer, among the weeks settled by the end of the period.
            DateOnly? last = lastAnswered.TryGetValue(enrollment.Id, out var lastWeek) ? lastWeek : null;
            var missed = weeks.Where(w => w.DueDate <= to && (last is null || w.DueDate > last) && IsMissed(w.DueDate)).ToList();
            if (missed.Count > 0)
            {
                missing.Add((enrollment, last, missed[^1].DueDate, missed.Count));
            }
        }

        var patients = await PatientLabels.ForAsync(db, missing.Select(m => m.Enrollment.PatientId), cancellationToken);
        var rows = missing
            .Select(m =>
            {
                var patient = patients[m.Enrollment.PatientId];
                var (name, age) = patient.Describe(today);
                return new NonResponderRow(
                    patient.PatientId, name, age, patient.Ipp, m.Enrollment.Id, m.Enrollment.EstablishmentId, m.LastAnswered, m.LastMissed, m.Missed);
            })
            .OrderByDescending(r => r.MissedWeeks)
            .ThenBy(r => r.LastMissedWeek)
            .ThenBy(r => r.PatientName, StringComparer.Ordinal)
            .ToList();
        return (new Ratio(answered, settled), rows);
    }

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static TimeSpan? Median(List<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
