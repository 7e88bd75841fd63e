using TeleSurv.Portal.Domain.Auditing;

namespace TeleSurv.Portal.Application.Abstractions;

/// <summary>The append-only, hash-chained audit trail (R.6316-4). Rows live in the database, never in the logs.</summary>
public interface IAuditTrail
{
    /// <summary>Appends one entry at the end of the chain; the trail stamps its time, sequence and hashes.</summary>
    Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Walks the whole chain in sequence order and reports the first broken link.</summary>
    Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken = default);
}

/// <summary>What happened, as the caller knows it; the chain fields are the trail's business.</summary>
public sealed record AuditRecord
{
    /// <summary>What was done, e.g. "alert.claim" or "patient.read".</summary>
    public required string Action { get; init; }

    public required AuditOutcome Outcome { get; init; }

    /// <summary>Name of who acted, as shown to an auditor.</summary>
    public required string Actor { get; init; }

    public Guid? StaffMemberId { get; init; }

    public string? Role { get; init; }

    public Guid? EstablishmentId { get; init; }

    public string? TargetType { get; init; }

    public string? TargetId { get; init; }

    public Guid? PatientId { get; init; }

    public string? Detail { get; init; }
}

/// <summary>Result of walking the chain: intact, or where it first breaks and how.</summary>
public sealed record AuditChainVerification(bool IsIntact, long EntriesChecked, long? BrokenAtSequence, string? Problem)
{
    public static AuditChainVerification Intact(long entriesChecked) => new(true, entriesChecked, null, null);

    public static AuditChainVerification Broken(long entriesChecked, long sequence, string problem) => new(false, entriesChecked, sequence, problem);
}
