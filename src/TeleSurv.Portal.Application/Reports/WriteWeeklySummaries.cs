using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Scheduling;

namespace TeleSurv.Portal.Application.Reports;

/// <summary>
/// Writes to the ORU outbox one weekly summary (ORU^R01) per scheduled week of each active enrollment whose answer
/// window has closed, answered or not, when <c>Oru:Enabled</c> and <c>Oru:WeeklySummary</c> are on. Weeks due before
/// the enrollment was recorded, or whose window closed more than <see cref="OruOptions.WeeklySummaryLookbackDays"/>
/// ago, are not summarised. Safe to run again and from several instances at once: a week already summarised is
/// skipped, and a unique index on (enrollment, week) keeps a second summary out.
/// </summary>
[AllowAnonymousRequest("Run by the portal's own weekly-summary job, on behalf of nobody; it writes to the outbox and returns counts only.")]
public sealed record WriteWeeklySummariesCommand : IRequest<WeeklySummaryRun>;

/// <param name="Refused">Weeks whose summary cannot be written as a message (a character the set lacks); tried again next run.</param>
public sealed record WeeklySummaryRun(int EnrollmentsChecked, int SummariesWritten, int Refused);

internal sealed class WriteWeeklySummariesCommandHandler(
    IPortalDbContextFactory dbContextFactory,
    TimeProvider timeProvider,
    IEnumerable<IOruMessageWriter> writers,
    IOptions<OruOptions> oruOptions,
    IOptions<ScheduleOptions> scheduleOptions)
    : IRequestHandler<WriteWeeklySummariesCommand, WeeklySummaryRun>
{
    private const int PageSize = 200;

    public async ValueTask<WeeklySummaryRun> Handle(WriteWeeklySummariesCommand request, CancellationToken cancellationToken)
    {
        var settings = oruOptions.Value;
        if (!settings.Enabled || !settings.WeeklySummary)
        {
            return new WeeklySummaryRun(0, 0, 0);
        }

        var writer = writers.LastOrDefault() ?? throw new InvalidOperationException(
            "Weekly summaries are on (Oru:WeeklySummary) but no IOruMessageWriter is registered: call AddOru when building the host.");
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var schedule = scheduleOptions.Value;
        var timeZone = schedule.ResolveTimeZone();
        var oldestClose = now.AddDays(-settings.WeeklySummaryLookbackDays);
        var oldestDue = CalendarDay.Of(oldestClose, timeZone).AddDays(-7);
        var today = CalendarDay.Of(now, timeZone);

        var checkedCount = 0;
        var written = 0;
        var refused = 0;
        Guid? after = null;
        while (true)
        {
            List<Enrollment> page;
            HashSet<(Guid, DateOnly)> summarised;
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
                    return new WeeklySummaryRun(checkedCount, written, refused);
                }

                var ids = page.Select(e => e.Id).ToArray();
                summarised = [.. (await db.OruOutbox.AsNoTracking()
                    .Where(m => m.EnrollmentId != null && ids.Contains(m.EnrollmentId.Value) && m.Week >= oldestDue)
                    .Select(m => new { EnrollmentId = m.EnrollmentId!.Value, Week = m.Week!.Value })
                    .ToListAsync(cancellationToken)).Select(m => (m.EnrollmentId, m.Week))];
            }

            foreach (var enrollment in page)
            {
                checkedCount++;
                var enrolledOn = CalendarDay.Of(enrollment.CreatedAt, timeZone);
                var weeks = QuestionnaireSchedule.For(enrollment, schedule).Weeks
                    .Where(w => w.ClosesAt <= now && w.ClosesAt > oldestClose && w.DueDate >= enrolledOn && !summarised.Contains((enrollment.Id, w.DueDate)));
                foreach (var week in weeks)
                {
                    try
                    {
                        if (await TryWriteAsync(writer, enrollment, week, now, timeZone, cancellationToken))
                        {
                            written++;
                        }
                    }
                    catch (OruMessageException)
                    {
                        refused++;
                    }
                }
            }

            after = page[^1].Id;
        }
    }

    /// <summary>Writes the week's summary unless, looking again just before, it was written meanwhile.</summary>
    private async Task<bool> TryWriteAsync(
        IOruMessageWriter writer, Enrollment enrollment, ScheduledWeek week, DateTime now, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        if (await IsSummarisedAsync(db, enrollment.Id, week.DueDate, cancellationToken))
        {
            return false;
        }

        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == enrollment.PatientId, cancellationToken);
        var establishment = await db.Establishments.AsNoTracking().FirstAsync(e => e.Id == enrollment.EstablishmentId, cancellationToken);
        var response = await db.QuestionnaireResponses.AsNoTracking()
            .FirstOrDefaultAsync(r => r.EnrollmentId == enrollment.Id && r.WeekDueDate == week.DueDate, cancellationToken);
        var content = WeeklySummaryWriter.Write(enrollment, week, patient, establishment, response, timeZone);
        var controlId = OruControlId.New(now);
        var message = writer.WriteWeeklySummary(new OruWeeklySummary(controlId, now, content));
        db.OruOutbox.Add(new OruOutboxMessage
        {
            ControlId = controlId,
            Kind = OruMessageKind.WeeklySummary,
            PatientId = enrollment.PatientId,
            EstablishmentId = enrollment.EstablishmentId,
            EnrollmentId = enrollment.Id,
            Week = week.DueDate,
            CreatedAt = now,
            Message = message.Message,
            CharacterSet = message.CharacterSet,
            State = OruMessageState.Pending,
            NextAttemptAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance summarised the same week between our look and our insert: the unique index refused ours.
            await using var fresh = await dbContextFactory.CreateAsync(CancellationToken.None);
            if (await IsSummarisedAsync(fresh, enrollment.Id, week.DueDate, CancellationToken.None))
            {
                return false;
            }

            throw;
        }
    }

    private static Task<bool> IsSummarisedAsync(IPortalDbContext db, Guid enrollmentId, DateOnly week, CancellationToken cancellationToken) =>
        db.OruOutbox.AnyAsync(m => m.EnrollmentId == enrollmentId && m.Week == week, cancellationToken);
}
