using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.ExpectedLevels;

/// <summary>
/// Ends an expected level now: the symptom alerts again from the next response. Returns whether it was still in
/// force; cancelling a level already cancelled or over changes nothing.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
[Audited("expected-level.cancel")]
public sealed record CancelExpectedLevelCommand(Guid PatientId, Guid ExpectedLevelId) : IRequest<bool>, IPatientScopedRequest;

public sealed class CancelExpectedLevelCommandValidator : AbstractValidator<CancelExpectedLevelCommand>
{
    public CancelExpectedLevelCommandValidator()
    {
        RuleFor(c => c.PatientId).NotEmpty();
        RuleFor(c => c.ExpectedLevelId).NotEmpty();
    }
}

internal sealed class CancelExpectedLevelCommandHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<CancelExpectedLevelCommand, bool>
{
    public async ValueTask<bool> Handle(CancelExpectedLevelCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var establishmentIds = user.EstablishmentIds.ToArray();
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var level = await db.ExpectedLevels
            .Where(l => l.Id == request.ExpectedLevelId
                && db.Enrollments.Any(e => e.Id == l.EnrollmentId && e.PatientId == request.PatientId && establishmentIds.Contains(e.EstablishmentId)))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new OutOfScopeException("ExpectedLevel", request.ExpectedLevelId);

        var audit = AuditDetails.Current;
        audit?.SetTarget("ExpectedLevel", level.Id);
        if (level.CancelledAt is not null || level.Until <= now)
        {
            audit?.Detail = "Already cancelled or over.";
            return false;
        }

        level.CancelledAt = now;
        await db.SaveChangesAsync(cancellationToken);
        audit?.Detail = $"{level.ItemKey} up to grade {level.MaxGrade} cancelled.";
        return true;
    }
}
