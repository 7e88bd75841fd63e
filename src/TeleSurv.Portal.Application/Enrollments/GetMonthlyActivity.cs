using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Enrollments;

/// <summary>
/// The month's telemonitoring activity of one establishment: every follow-up whose patient sent at least one
/// questionnaire response in the month (the "active patient" basis of the monthly telemonitoring fee), with its
/// enrolment and prescription dates. The month is a calendar month of the patients' time zone.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("enrollment.activity.export")]
public sealed record GetMonthlyActivityQuery(Guid EstablishmentId, int Year, int Month) : IRequest<MonthlyActivity>, IEstablishmentScopedRequest;

public sealed record MonthlyActivity(string EstablishmentCode, string EstablishmentName, string Finess, int Year, int Month, IReadOnlyList<MonthlyActivityRow> Rows);

/// <summary>One follow-up active in the month. A patient followed twice in the month (ended, then enrolled again) has two rows.</summary>
public sealed record MonthlyActivityRow(
    Guid PatientId,
    string Ipp,
    string? Ins,
    string BirthFamilyName,
    string FirstNames,
    DateOnly BirthDate,
    Guid EnrollmentId,
    TreatmentType Treatment,
    bool WithRadiotherapy,
    DateOnly EnrolledOn,
    DateOnly ConsentDate,
    DateOnly PrescriptionStart,
    DateOnly PrescriptionEnd,
    EnrollmentStatus Status,
    int ResponsesInMonth,
    DateOnly FirstResponseOn,
    DateOnly LastResponseOn);

public sealed class GetMonthlyActivityQueryValidator : AbstractValidator<GetMonthlyActivityQuery>
{
    public GetMonthlyActivityQueryValidator()
    {
        RuleFor(q => q.EstablishmentId).NotEmpty();
        RuleFor(q => q.Year).InclusiveBetween(2000, 2999);
        RuleFor(q => q.Month).InclusiveBetween(1, 12);
    }
}

internal sealed class GetMonthlyActivityQueryHandler(IPortalDbContextFactory dbContextFactory, IOptions<ScheduleOptions> scheduleOptions)
    : IRequestHandler<GetMonthlyActivityQuery, MonthlyActivity>
{
    public async ValueTask<MonthlyActivity> Handle(GetMonthlyActivityQuery request, CancellationToken cancellationToken)
    {
        var timeZone = scheduleOptions.Value.ResolveTimeZone();
        var first = new DateOnly(request.Year, request.Month, 1);
        var monthStart = CalendarDay.StartUtc(first, timeZone);
        var monthEnd = CalendarDay.StartUtc(first.AddMonths(1), timeZone);

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var establishment = await db.Establishments.AsNoTracking()
            .Where(e => e.Id == request.EstablishmentId)
            .Select(e => new { e.Code, e.Name, e.Finess })
            .FirstAsync(cancellationToken);

        var responses = await (
                from r in db.QuestionnaireResponses.AsNoTracking()
                join e in db.Enrollments on r.EnrollmentId equals e.Id
                where e.EstablishmentId == request.EstablishmentId && r.SubmittedAt >= monthStart && r.SubmittedAt < monthEnd
                select new { r.EnrollmentId, r.SubmittedAt })
            .ToListAsync(cancellationToken);
        var byEnrollment = responses
            .GroupBy(r => r.EnrollmentId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), First: g.Min(r => r.SubmittedAt), Last: g.Max(r => r.SubmittedAt)));
        var ids = byEnrollment.Keys.ToArray();

        var followUps = await (
                from e in db.Enrollments.AsNoTracking()
                join p in db.Patients on e.PatientId equals p.Id
                where ids.Contains(e.Id)
                select new { Enrollment = e, p.Ipp, p.Ins, p.IdentityStatus, p.BirthFamilyName, p.FirstNames, p.BirthDate })
            .ToListAsync(cancellationToken);

        var rows = followUps
            .Select(f =>
            {
                var e = f.Enrollment;
                var activity = byEnrollment[e.Id];
                return new MonthlyActivityRow(
                    e.PatientId, f.Ipp,
                    // Only a qualified INS may be passed on (RNIV).
                    f.IdentityStatus == Domain.Patients.IdentityStatus.Qualified ? f.Ins : null,
                    f.BirthFamilyName, f.FirstNames, f.BirthDate, e.Id, e.Treatment, e.WithRadiotherapy,
                    CalendarDay.Of(e.CreatedAt, timeZone), e.ConsentDate, e.StartDate, e.PrescriptionEnd, e.Status,
                    activity.Count, CalendarDay.Of(activity.First, timeZone), CalendarDay.Of(activity.Last, timeZone));
            })
            .OrderBy(r => r.BirthFamilyName, StringComparer.Ordinal)
            .ThenBy(r => r.FirstNames, StringComparer.Ordinal)
            .ThenBy(r => r.PrescriptionStart)
            .ThenBy(r => r.EnrollmentId)
            .ToList();

        AuditDetails.Current?.Detail = AuditDetails.NamingPatients(
            $"{request.Year:D4}-{request.Month:D2}: {rows.Count} active follow-up(s), {responses.Count} response(s).", rows.Select(r => r.PatientId));
        return new MonthlyActivity(establishment.Code, establishment.Name, establishment.Finess, request.Year, request.Month, rows);
    }
}
