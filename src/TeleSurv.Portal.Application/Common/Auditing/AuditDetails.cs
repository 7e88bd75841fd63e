using TeleSurv.Portal.Domain.Auditing;

namespace TeleSurv.Portal.Application.Common.Auditing;

/// <summary>
/// What the audit entry of the request being sent will say about its target, filled in on the way through the
/// pipeline: the scoped-request interfaces give the first values, the authorization behaviour adds what it
/// looked up (the alert's patient and establishment), the handler may add a detail.
/// </summary>
/// <remarks>
/// Flows with the async call (not a scoped service): a Blazor circuit's scope is shared by requests that run
/// interleaved, so per-request state cannot live there.
/// </remarks>
internal sealed class AuditDetails
{
    private static readonly AsyncLocal<AuditDetails?> Ambient = new();

    /// <summary>The details of the innermost audited request in flight, or null outside the pipeline.</summary>
    public static AuditDetails? Current => Ambient.Value;

    public Guid? EstablishmentId { get; set; }

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    public Guid? PatientId { get; set; }

    /// <summary>Who acted, when it is not a signed-in member of staff (e.g. a patient by link).</summary>
    public string? Actor { get; set; }

    public string? Detail { get; set; }

    /// <summary>The client's address, when the request came over HTTP.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>Set by a handler whose request completes yet refuses what was asked (e.g. an unknown patient link).</summary>
    public AuditOutcome? Outcome { get; set; }

    /// <summary>
    /// Set when a patient link was refused (its status): such entries are written one by one up to a threshold per
    /// client address, then summarised (<see cref="PatientLinks.RefusedLinkBursts"/>).
    /// </summary>
    public string? LinkRefusal { get; set; }

    public static AuditDetails Begin()
    {
        var details = new AuditDetails();
        Ambient.Value = details;
        return details;
    }

    public static void End(AuditDetails? previous) => Ambient.Value = previous;

    /// <summary>
    /// A list, search or export writes one entry, not one per row: it names every patient it showed, in the
    /// order shown, after <paramref name="detail"/>.
    /// </summary>
    public static string NamingPatients(string detail, IEnumerable<Guid> patientIds)
    {
        var ids = patientIds.Distinct().Select(id => id.ToString("D")).ToList();
        return ids.Count == 0 ? detail : $"{detail} Patients shown: {string.Join(' ', ids)}.";
    }

    public void SetTarget(string targetType, Guid targetId)
    {
        TargetType = targetType;
        TargetId = targetId.ToString();
    }
}
