using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Enrollments;

/// <summary>
/// The admin's view of telemonitoring inclusions in their establishments: who is followed, for what, since when,
/// until when the prescription runs, and the consent recorded. Prescriptions ending soonest come first.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("enrollment.list")]
public sealed record ListEnrollmentsQuery : IRequest<PagedResult<EnrollmentRow>>, IEstablishmentFilteredRequest
{
    public Guid? EstablishmentId { get; init; }

    public EnrollmentStatus? Status { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Paging.DefaultPageSize;
}

public sealed record EnrollmentRow(
    Guid EnrollmentId,
    Guid PatientId,
    string PatientName,
    int PatientAge,
    string Ipp,
    string EstablishmentCode,
    TreatmentType Treatment,
    string? Regimen,
    EnrollmentStatus Status,
    DateOnly StartDate,
    DateOnly PrescriptionEnd,
    ConsentDecision ConsentDecision,
    DateOnly ConsentDate,
    string? ReferringOncologistName);

public sealed class ListEnrollmentsQueryValidator : AbstractValidator<ListEnrollmentsQuery>
{
    public ListEnrollmentsQueryValidator()
    {
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

internal sealed class ListEnrollmentsQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<ListEnrollmentsQuery, PagedResult<EnrollmentRow>>
{
    public async ValueTask<PagedResult<EnrollmentRow>> Handle(ListEnrollmentsQuery request, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        Guid[] establishmentIds = request.EstablishmentId is { } one ? [one] : [.. user.EstablishmentIds];

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var query = db.Enrollments.AsNoTracking().Where(e => establishmentIds.Contains(e.EstablishmentId));
        if (request.Status is { } status)
        {
            query = query.Where(e => e.Status == status);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            // Statuses are stored by name: rank them explicitly rather than alphabetically.
            .OrderBy(e => e.Status == EnrollmentStatus.Active ? 0 : e.Status == EnrollmentStatus.Paused ? 1 : 2)
            .ThenBy(e => e.PrescriptionEnd)
            .ThenBy(e => e.Id)
            .Skip(Paging.Skip(request.Page, request.PageSize))
            .Take(request.PageSize)
            .Select(e => new
            {
                e.Id,
                e.PatientId,
                EstablishmentCode = db.Establishments.Where(x => x.Id == e.EstablishmentId).Select(x => x.Code).FirstOrDefault(),
                e.Treatment,
                e.Regimen,
                e.Status,
                e.StartDate,
                e.PrescriptionEnd,
                e.ConsentDecision,
                e.ConsentDate,
                Oncologist = db.StaffMembers.Where(s => s.Id == e.ReferringOncologistId).Select(s => s.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var patients = await PatientLabels.ForAsync(db, rows.Select(r => r.PatientId), cancellationToken);
        AuditDetails.Current?.Detail = AuditDetails.NamingPatients($"{total} enrolment(s) listed, page {request.Page}.", rows.Select(r => r.PatientId));

        var items = rows.Select(r =>
        {
            var patient = patients[r.PatientId];
            var (name, age) = patient.Describe(today);
            return new EnrollmentRow(
                r.Id, r.PatientId, name, age, patient.Ipp, r.EstablishmentCode ?? string.Empty, r.Treatment, r.Regimen, r.Status,
                r.StartDate, r.PrescriptionEnd, r.ConsentDecision, r.ConsentDate, r.Oncologist);
        }).ToList();
        return new PagedResult<EnrollmentRow>(items, total, request.Page, request.PageSize);
    }
}
