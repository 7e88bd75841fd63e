using Mediator;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Enrollments;

/// <summary>Pauses an active follow-up (a hospital stay, a treatment break): no questionnaire is expected and the patient's link says so, until it resumes.</summary>
[RequireRole(StaffRole.Admin)]
[Audited("enrollment.pause")]
public sealed record PauseEnrollmentCommand(Guid PatientId, Guid EnrollmentId, Guid Version, string Reason)
    : IRequest<EnrollmentStatusChanged>, IPatientScopedRequest, IEnrollmentStatusChange;

public sealed class PauseEnrollmentCommandValidator : EnrollmentStatusChangeValidator<PauseEnrollmentCommand>;

internal sealed class PauseEnrollmentCommandHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user)
    : IRequestHandler<PauseEnrollmentCommand, EnrollmentStatusChanged>
{
    public async ValueTask<EnrollmentStatusChanged> Handle(PauseEnrollmentCommand request, CancellationToken cancellationToken)
    {
        return await EnrollmentStatusChanges.ApplyAsync(
            dbContextFactory,
            user,
            request,
            e =>
            {
                if (!e.CanPause)
                {
                    throw new ConflictException($"Only an active follow-up can be paused; this one is {e.Status}.");
                }

                e.Pause(request.Reason.Trim());
            },
            cancellationToken);
    }
}
