using TeleSurv.Portal.Domain.Enrollments;

namespace TeleSurv.Portal.Application.PatientLinks;

/// <summary>When a follow-up may be given a questionnaire link.</summary>
internal static class PatientLinkRules
{
    /// <summary>Consent given and the follow-up not ended (a paused one may get a link, which waits for the resumption).</summary>
    public static bool CanIssue(Enrollment enrollment) =>
        enrollment.ConsentDecision == ConsentDecision.Given && enrollment.Status != EnrollmentStatus.Ended;
}
