using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.ExpectedLevels;

/// <summary>The expected levels in force for a patient, in the user's establishments, by symptom.</summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("expected-level.list")]
public sealed record ListExpectedLevelsQuery(Guid PatientId) : IRequest<IReadOnlyList<ExpectedLevelRow>>, IPatientScopedRequest;

public sealed class ListExpectedLevelsQueryValidator : AbstractValidator<ListExpectedLevelsQuery>
{
    public ListExpectedLevelsQueryValidator() => RuleFor(q => q.PatientId).NotEmpty();
}

internal sealed class ListExpectedLevelsQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<ListExpectedLevelsQuery, IReadOnlyList<ExpectedLevelRow>>
{
    public async ValueTask<IReadOnlyList<ExpectedLevelRow>> Handle(ListExpectedLevelsQuery request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var establishmentIds = user.EstablishmentIds.ToArray();
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var rows = await db.ExpectedLevels.AsNoTracking()
            .Where(l => l.CancelledAt == null && l.Until > now
                && db.Enrollments.Any(e => e.Id == l.EnrollmentId && e.PatientId == request.PatientId && establishmentIds.Contains(e.EstablishmentId)))
            .OrderBy(l => l.ItemKey)
            .ThenByDescending(l => l.From)
            .Select(l => new ExpectedLevelRow(
                l.Id, l.EnrollmentId, l.ItemKey, l.MaxGrade, l.From, l.Until, l.Reason, l.SetById,
                db.StaffMembers.Where(s => s.Id == l.SetById).Select(s => s.DisplayName).FirstOrDefault(),
                l.CancelledAt))
            .ToListAsync(cancellationToken);
        AuditDetails.Current?.Detail = $"{rows.Count} level(s) in force.";
        return rows;
    }
}
