namespace TeleSurv.Portal.Domain.Enrollments;

public enum ConsentDecision
{
    Given = 0,
    Refused = 1,
}

public enum ConsentMethod
{
    Paper = 0,
    Electronic = 1,
}
