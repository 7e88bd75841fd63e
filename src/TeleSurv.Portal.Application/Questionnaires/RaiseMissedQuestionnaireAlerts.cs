using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Common.Telemetry;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Scheduling;

namespace TeleSurv.Portal.Application.Questionnaires;

/// <summary>
/// The non-responder check, as of now: one alert per missed week of each active enrollment — a week without
/// response once its grace period is over (see <see cref="NonResponderRule"/>). Weeks due before the enrollment
/// was recorded, or further back than <see cref="NonResponderOptions.LookbackDays"/>, are not looked at; paused
/// and ended enrollments are skipped. Safe to run again and from several instances at once: a week already
/// flagged is skipped, and a unique index keeps a second alert for the same week out.
/// </summary>
[AllowAnonymousRequest("Run by the portal's own non-responder job, on behalf of nobody; it reads no patient data out.")]
public sealed record RaiseMissedQuestionnaireAlertsCommand : IRequest<MissedQuestionnaireCheck>;

/// <summary>What one check did.</summary>
public sealed record MissedQuestionnaireCheck(int EnrollmentsChecked, int AlertsRaised);

internal sealed class RaiseMissedQuestionnaireAlertsCommandHandler(
    IPortalDbContextFactory dbContextFactory,
    TimeProvider timeProvider,
    IOptions<AlertRuleOptions> alertRuleOptions,
    IOptions<SlaOptions> slaOptions,
    IOptions<ScheduleOptions> scheduleOptions,
    IOptions<NonResponderOptions> nonResponderOptions,
    IAlertNotifier alertNotifier)
    : IRequestHandler<RaiseMissedQuestionnaireAlertsCommand, MissedQuestionnaireCheck>
{
    private const int PageSize = 200;

    public async ValueTask<MissedQuestionnaireCheck> Handle(RaiseMissedQuestionnaireAlertsCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var engine = new AlertRulesEngine(alertRuleOptions.Value);
        var sla = new SlaPolicy(slaOptions.Value);
        var schedule = scheduleOptions.Value;
        var timeZone = schedule.ResolveTimeZone();
        var today = CalendarDay.Of(now, timeZone);
        var oldestDue = today.AddDays(-nonResponderOptions.Value.LookbackDays);

        var checkedCount = 0;
        var raised = 0;
        Guid? after = null;
        while (true)
        {
            List<Enrollment> page;
            HashSet<(Guid, DateOnly)> answered;
            HashSet<(Guid, DateOnly)> flagged;
            await using (var db = await dbContextFactory.CreateAsync(cancellationToken))
            {
                var active = db.Enrollments.AsNoTracking()
                    .Where(e => e.Status == EnrollmentStatus.Active && e.StartDate <= today && e.PrescriptionEnd >= oldestDue);
                if (after is { } last)
                {
                    active = active.Where(e => e.Id.CompareTo(last) > 0);
                }

                page = await active.OrderBy(e => e.Id).Take(PageSize).ToListAsync(cancellationToken);
                if (page.Count == 0)
                {
                    return new MissedQuestionnaireCheck(checkedCount, raised);
                }

                var ids = page.Select(e => e.Id).ToArray();
                answered = [.. (await db.QuestionnaireResponses.AsNoTracking()
                    .Where(r => ids.Contains(r.EnrollmentId) && r.WeekDueDate >= oldestDue)
                    .Select(r => new { r.EnrollmentId, r.WeekDueDate })
                    .ToListAsync(cancellationToken)).Select(r => (r.EnrollmentId, r.WeekDueDate))];
                flagged = [.. (await db.Alerts.AsNoTracking()
                    .Where(a => a.Kind == AlertKind.NonResponder && ids.Contains(a.EnrollmentId) && a.WeekDueDate >= oldestDue)
                    .Select(a => new { a.EnrollmentId, a.WeekDueDate })
                    .ToListAsync(cancellationToken)).Select(a => (a.EnrollmentId, a.WeekDueDate))];
            }

            foreach (var enrollment in page)
            {
                checkedCount++;
                var enrolledOn = CalendarDay.Of(enrollment.CreatedAt, timeZone);
                var weeks = QuestionnaireSchedule.For(enrollment, schedule).DueUpTo(today)
                    .Where(w => w.DueDate >= oldestDue && w.DueDate >= enrolledOn
                        && !answered.Contains((enrollment.Id, w.DueDate)) && !flagged.Contains((enrollment.Id, w.DueDate)));
                foreach (var week in weeks)
                {
                    if (engine.EvaluateMissedWeek(week.DueDate, now, hasResponse: false, timeZone) is { } decision
                        && await TryRaiseAsync(enrollment, week.DueDate, decision.CreateAlert(
                            enrollment.PatientId, enrollment.Id, enrollment.EstablishmentId, null, week.DueDate, now, sla), cancellationToken))
                    {
                        raised++;
                    }
                }
            }

            after = page[^1].Id;
        }
    }

    /// <summary>Stores the alert unless, looking again just before, the week was answered or flagged meanwhile.</summary>
    private async Task<bool> TryRaiseAsync(Enrollment enrollment, DateOnly week, Alert alert, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        if (await IsSettledAsync(db, enrollment.Id, week, cancellationToken))
        {
            return false;
        }

        db.Alerts.Add(alert);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            PortalTelemetry.RecordAlertRaised(alert);
            alertNotifier.Publish(new AlertChanged(alert.Id, alert.EstablishmentId, AlertChangeKind.Raised));
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance flagged the same week between our look and our insert: the unique index refused ours.
            await using var fresh = await dbContextFactory.CreateAsync(CancellationToken.None);
            if (await IsSettledAsync(fresh, enrollment.Id, week, CancellationToken.None))
            {
                return false;
            }

            throw;
        }
    }

    private static async Task<bool> IsSettledAsync(IPortalDbContext db, Guid enrollmentId, DateOnly week, CancellationToken cancellationToken) =>
        await db.QuestionnaireResponses.AnyAsync(r => r.EnrollmentId == enrollmentId && r.WeekDueDate == week, cancellationToken)
        || await db.Alerts.AnyAsync(
            a => a.EnrollmentId == enrollmentId && a.WeekDueDate == week && a.Kind == AlertKind.NonResponder, cancellationToken);
}
