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

/// <summary>What the verification found, most trustworthy first.</summary>
public enum AuditChainState
{
    Intact = 0,

    /// <summary>An entry's keyed hash does not match its content: changed, or its hash recomputed without the key.</summary>
    Rewritten = 1,

    /// <summary>A checkpoint kept outside the database names an entry that is no longer there: the end was cut off.</summary>
    Truncated = 2,

    /// <summary>Entries are missing from the middle, or an entry does not link to the one before it.</summary>
    ChainBroken = 3,

    /// <summary>An entry names a chain key that is not configured, so it cannot be checked.</summary>
    KeyMissing = 4,
}

/// <summary>Result of walking the chain and comparing it with the checkpoints: intact, or where it first breaks and how.</summary>
public sealed record AuditChainVerification(AuditChainState State, long EntriesChecked, long? BrokenAtSequence, string? Problem)
{
    public bool IsIntact => State == AuditChainState.Intact;

    /// <summary>Entries at the start of the chain written before it was keyed, checked with the plain SHA-256.</summary>
    public long LegacyEntries { get; init; }

    /// <summary>Checkpoints of the chain head, kept outside the database, that the chain was compared with.</summary>
    public int CheckpointsChecked { get; init; }

    public static AuditChainVerification Intact(long entriesChecked) => new(AuditChainState.Intact, entriesChecked, null, null);

    public static AuditChainVerification Broken(AuditChainState state, long entriesChecked, long sequence, string problem) => new(state, entriesChecked, sequence, problem);
}
