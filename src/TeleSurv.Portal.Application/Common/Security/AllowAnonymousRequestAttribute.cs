namespace TeleSurv.Portal.Application.Common.Security;

/// <summary>
/// Access rule of a request that needs no signed-in member of staff, with the reason written down
/// (e.g. the patient's questionnaire link authenticates by its token inside the handler).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AllowAnonymousRequestAttribute : Attribute
{
    public AllowAnonymousRequestAttribute(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Reason = reason;
    }

    public string Reason { get; }
}
