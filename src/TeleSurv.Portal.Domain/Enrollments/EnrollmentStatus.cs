namespace TeleSurv.Portal.Domain.Enrollments;

public enum EnrollmentStatus
{
    Active = 0,
    Paused = 1,
    Ended = 2,
}
