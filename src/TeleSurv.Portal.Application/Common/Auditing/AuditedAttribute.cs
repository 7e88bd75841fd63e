namespace TeleSurv.Portal.Application.Common.Auditing;

/// <summary>
/// The request is written to the audit trail under <see cref="Action"/> (e.g. "alert.claim", "patient.read"),
/// whatever its outcome: success, denied or failed. Every read of patient data carries it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AuditedAttribute : Attribute
{
    public AuditedAttribute(string action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        Action = action;
    }

    public string Action { get; }
}
