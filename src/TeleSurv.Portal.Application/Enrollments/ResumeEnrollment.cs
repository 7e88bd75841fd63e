using Mediator;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Enrollments;

/// <summary>Resumes a paused follow-up, as long as the consent is given and the prescription still runs.</summary>
[RequireRole(StaffRole.Admin)]
[Audited("enrollment.resume")]
public sealed record ResumeEnrollmentCommand(Guid PatientId, Guid EnrollmentId, Guid Version, string Reason)
    : IRequest<EnrollmentStatusChanged>, IPatientScopedRequest, IEnrollmentStatusChange;

public sealed class ResumeEnrollmentCommandValidator : EnrollmentStatusChangeValidator<ResumeEnrollmentCommand>;

internal sealed class ResumeEnrollmentCommandHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user, TimeProvider timeProvider)
    : IRequestHandler<ResumeEnrollmentCommand, EnrollmentStatusChanged>
{
    public async ValueTask<EnrollmentStatusChanged> Handle(ResumeEnrollmentCommand request, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        return await EnrollmentStatusChanges.ApplyAsync(
            dbContextFactory,
            user,
            request,
            e =>
            {
                if (!e.CanResumeOn(today))
                {
                    throw new ConflictException(e.Status != EnrollmentStatus.Paused
                        ? $"Only a paused follow-up can resume; this one is {e.Status}."
                        : e.ConsentDecision != ConsentDecision.Given
                            ? "No follow-up goes active without the patient's consent."
                            : $"The prescription ended on {e.PrescriptionEnd:yyyy-MM-dd}: enrol the patient again with a new prescription.");
                }

                e.Resume(today, request.Reason.Trim());
            },
            cancellationToken);
    }
}
