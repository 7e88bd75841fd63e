using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Enrollments;

/// <summary>Ends a follow-up for good, with its reason; the patient's questionnaire link is revoked with it.</summary>
[RequireRole(StaffRole.Admin)]
[Audited("enrollment.end")]
public sealed record EndEnrollmentCommand(Guid PatientId, Guid EnrollmentId, Guid Version, string Reason)
    : IRequest<EnrollmentStatusChanged>, IPatientScopedRequest, IEnrollmentStatusChange;

public sealed class EndEnrollmentCommandValidator : EnrollmentStatusChangeValidator<EndEnrollmentCommand>;

internal sealed class EndEnrollmentCommandHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<EndEnrollmentCommand, EnrollmentStatusChanged>
{
    public async ValueTask<EnrollmentStatusChanged> Handle(EndEnrollmentCommand request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return await EnrollmentStatusChanges.ApplyAsync(
            dbContextFactory,
            user,
            request,
            e =>
            {
                if (!e.CanEnd)
                {
                    throw new ConflictException("The follow-up has already ended.");
                }

                e.End(request.Reason.Trim());
            },
            cancellationToken,
            async (db, e) =>
            {
                var links = await db.PatientAccessLinks.Where(l => l.EnrollmentId == e.Id && l.RevokedAt == null).ToListAsync(cancellationToken);
                foreach (var link in links)
                {
                    link.RevokedAt = now;
                }
            });
    }
}
