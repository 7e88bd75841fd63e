using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.PatientLinks;

/// <summary>
/// Withdraws the enrollment's questionnaire link (a lost phone, a link sent to the wrong person). Returns whether
/// a link was revoked; revoking when none is active changes nothing.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("patient-link.revoke")]
public sealed record RevokePatientLinkCommand(Guid PatientId, Guid EnrollmentId) : IRequest<bool>, IPatientScopedRequest;

public sealed class RevokePatientLinkCommandValidator : AbstractValidator<RevokePatientLinkCommand>
{
    public RevokePatientLinkCommandValidator()
    {
        RuleFor(c => c.PatientId).NotEmpty();
        RuleFor(c => c.EnrollmentId).NotEmpty();
    }
}

internal sealed class RevokePatientLinkCommandHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<RevokePatientLinkCommand, bool>
{
    public async ValueTask<bool> Handle(RevokePatientLinkCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var enrollment = await EnrollmentAccess.FindInScopeAsync(db, user, request.PatientId, request.EnrollmentId, cancellationToken);

        var links = await db.PatientAccessLinks
            .Where(l => l.EnrollmentId == enrollment.Id && l.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var link in links)
        {
            link.RevokedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        AuditDetails.Current?.Detail = $"{links.Count} link(s) revoked.";
        return links.Count > 0;
    }
}
