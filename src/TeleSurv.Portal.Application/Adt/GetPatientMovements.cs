using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>
/// The patient's hospital movements received by ADT (admissions, transfers, discharges, leaves, changes of class),
/// newest first, cancelled ones included and marked: for the chart's timeline.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("patient.movements.read")]
public sealed record GetPatientMovementsQuery(Guid PatientId) : IRequest<IReadOnlyList<PatientMovement>>, IPatientScopedRequest
{
    /// <summary>Cancelled movements are listed too (struck out in the timeline) unless this is false.</summary>
    public bool IncludeCancelled { get; init; } = true;
}

/// <param name="Trigger">The event that notified it (A01 admission, A02 transfer, A03 discharge…); see <see cref="PamFranceEvents"/>.</param>
/// <param name="Revisions">How many times the hospital corrected it (Z99).</param>
public sealed record PatientMovement(
    Guid Id,
    string Trigger,
    DateTime At,
    PatientClass PatientClass,
    string? VisitNumber,
    string? LodgingUnit,
    string? MedicalUnitCode,
    string? MedicalUnitName,
    string? CareUnitCode,
    string? CareUnitName,
    string? Nature,
    bool Historic,
    MovementStatus Status,
    string? CancelledBy,
    int Revisions);

public sealed class GetPatientMovementsQueryValidator : AbstractValidator<GetPatientMovementsQuery>
{
    public GetPatientMovementsQueryValidator()
    {
        RuleFor(q => q.PatientId).NotEmpty();
    }
}

internal sealed class GetPatientMovementsQueryHandler(IPortalDbContextFactory dbContextFactory)
    : IRequestHandler<GetPatientMovementsQuery, IReadOnlyList<PatientMovement>>
{
    /// <summary>A telemonitored patient's stays over years fit well under this; older ones are history.</summary>
    private const int MaxMovements = 500;

    public async ValueTask<IReadOnlyList<PatientMovement>> Handle(GetPatientMovementsQuery request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var movements = db.AdtMovements.AsNoTracking().Where(m => m.PatientId == request.PatientId);
        if (!request.IncludeCancelled)
        {
            movements = movements.Where(m => m.Status == MovementStatus.Active);
        }

        var rows = await movements
            .OrderByDescending(m => m.At)
            .ThenByDescending(m => m.Id)
            .Take(MaxMovements)
            .Select(m => new PatientMovement(
                m.Id, m.Trigger, m.At, m.PatientClass, m.VisitNumber, m.LodgingUnit, m.MedicalUnitCode, m.MedicalUnitName,
                m.CareUnitCode, m.CareUnitName, m.Nature, m.Historic, m.Status, m.CancelledBy, m.Revisions))
            .ToListAsync(cancellationToken);
        AuditDetails.Current?.Detail = $"{rows.Count} movement(s).";
        return rows;
    }
}
