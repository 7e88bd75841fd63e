namespace TeleSurv.Portal.Domain.Auditing;

public enum AuditOutcome
{
    Success = 0,
    Denied = 1,
    Failed = 2,
}

/// <summary>
/// One line of the append-only audit trail (R.6316-4): who, in which role and establishment, when,
/// what, on which target, with which outcome. Entries are hash-chained in <see cref="Sequence"/> order.
/// </summary>
public sealed class AuditEntry : Entity
{
    /// <summary>Position in the chain, strictly increasing.</summary>
    public long Sequence { get; set; }

    public DateTime At { get; init; }

    public Guid? StaffMemberId { get; init; }

    public required string Actor { get; init; }

    public string? Role { get; init; }

    public Guid? EstablishmentId { get; init; }

    /// <summary>What was done, e.g. "alert.claim" or "patient.read".</summary>
    public required string Action { get; init; }

    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    public Guid? PatientId { get; init; }

    public AuditOutcome Outcome { get; init; }

    public string? Detail { get; init; }

    public string? PreviousHash { get; set; }

    /// <summary>
    /// Id of the key whose HMAC-SHA256 is <see cref="Hash"/>; null on entries written before the chain was keyed,
    /// whose hash is a plain SHA-256.
    /// </summary>
    public string? ChainKeyId { get; set; }

    public string? Hash { get; set; }
}
