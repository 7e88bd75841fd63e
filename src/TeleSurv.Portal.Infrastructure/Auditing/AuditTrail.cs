using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Auditing;

namespace TeleSurv.Portal.Infrastructure.Auditing;

/// <summary>
/// The audit trail in the portal's database: each entry's <see cref="AuditEntry.Hash"/> is the HMAC-SHA256, under
/// the key named by <see cref="AuditEntry.ChainKeyId"/>, of the previous entry's hash and of the entry's own fields
/// in a fixed canonical form, so that changing or deleting an entry breaks the chain at that point, and whoever can
/// write the database but does not hold the key cannot recompute it.
/// </summary>
/// <remarks>
/// Appends are serialised: one writer at a time in this process (<see cref="AuditAppendLock"/>), and across
/// processes the unique index on <see cref="AuditEntry.Sequence"/> makes the loser of a race fail, read the new
/// head and try again. Removing the last entries leaves a valid shorter chain: the checkpoints of the head written
/// outside the database (<see cref="AuditCheckpoints"/>) are what prove its length.
/// Entries written before the chain was keyed have no key id and a plain SHA-256; they are accepted only at the
/// start of the chain, before the first keyed entry, whose HMAC covers the last of them.
/// </remarks>
public sealed class AuditTrail(
    IPortalDbContextFactory dbContextFactory,
    TimeProvider timeProvider,
    AuditAppendLock appendLock,
    AuditChainKeys keys,
    AuditCheckpoints checkpoints) : IAuditTrail
{
    // Generous: a writer can lose several races in a row to another process appending a burst of entries, and an
    // audited request whose entry cannot be written fails.
    private const int MaxAppendAttempts = 20;
    private const int VerificationBatchSize = 500;

    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await appendLock.Gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var db = await dbContextFactory.CreateAsync(cancellationToken);
                await using (db)
                {
                    var head = await ReadHeadAsync(db, cancellationToken);
                    var entry = NewEntry(record, head);
                    db.AuditEntries.Add(entry);
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                        checkpoints.Appended(entry);
                        return entry;
                    }
                    catch (DbUpdateException) when (attempt < MaxAppendAttempts)
                    {
                        // Another process appended first (the unique sequence index refused ours): retry on
                        // the new head. Any other failure leaves the head where it was and is rethrown.
                        if (!await HeadMovedAsync(head, cancellationToken))
                        {
                            throw;
                        }
                    }
                }

                // Real time, not the injected clock: this only spreads out competing writers.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * Math.Min(attempt, 5)), cancellationToken);
            }
        }
        finally
        {
            appendLock.Gate.Release();
        }
    }

    public async Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var saved = checkpoints.Read();
        var checkpointsAt = saved.ToLookup(c => c.Sequence);
        var failedCheckpoints = new List<(AuditCheckpoint Checkpoint, bool SameEntry, string? HashNow)>();
        long checkedCount = 0;
        long legacyCount = 0;
        var keyedSeen = false;
        long previousSequence = 0;
        string? previousHash = null;
        var db = await dbContextFactory.CreateAsync(cancellationToken);
        await using (db)
        {
            while (true)
            {
                var from = previousSequence;
                var batch = await db.AuditEntries.AsNoTracking()
                    .Where(e => e.Sequence > from)
                    .OrderBy(e => e.Sequence)
                    .Take(VerificationBatchSize)
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var entry in batch)
                {
                    var (state, problem) = Check(entry, previousSequence, previousHash, ref keyedSeen);
                    if (problem is not null)
                    {
                        return AuditChainVerification.Broken(state, checkedCount, entry.Sequence, problem) with
                        {
                            LegacyEntries = legacyCount,
                            CheckpointsChecked = saved.Count,
                        };
                    }

                    foreach (var checkpoint in checkpointsAt[entry.Sequence])
                    {
                        var sameEntry = checkpoint.EntryId == entry.Id;
                        if (!sameEntry || !string.Equals(checkpoint.Hash, entry.Hash, StringComparison.Ordinal))
                        {
                            failedCheckpoints.Add((checkpoint, sameEntry, entry.Hash));
                        }
                    }

                    checkedCount++;
                    legacyCount += entry.ChainKeyId is null ? 1 : 0;
                    previousSequence = entry.Sequence;
                    previousHash = entry.Hash;
                }
            }
        }

        failedCheckpoints.AddRange(saved.Where(c => c.Sequence > previousSequence).Select(c => (c, false, (string?)null)));
        var result = failedCheckpoints.Count == 0
            ? AuditChainVerification.Intact(checkedCount)
            : Mismatch(failedCheckpoints.OrderBy(f => f.Checkpoint.Sequence).ThenBy(f => f.Checkpoint.At).Last(), checkedCount, previousSequence);
        return result with { LegacyEntries = legacyCount, CheckpointsChecked = saved.Count };
    }

    private (AuditChainState State, string? Problem) Check(AuditEntry entry, long previousSequence, string? previousHash, ref bool keyedSeen)
    {
        if (entry.Sequence != previousSequence + 1)
        {
            return (AuditChainState.ChainBroken, $"Entries {previousSequence + 1} to {entry.Sequence - 1} are missing: deleted from the middle of the chain.");
        }

        if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            return (AuditChainState.ChainBroken, "The entry does not link to the hash of the entry before it: the chain was broken.");
        }

        if (entry.ChainKeyId is null)
        {
            if (keyedSeen)
            {
                return (AuditChainState.Rewritten, "The entry has no chain key although entries before it are keyed: it was modified and its hash recomputed without the key.");
            }

            return string.Equals(entry.Hash, ComputeHash(entry, null), StringComparison.Ordinal)
                ? (AuditChainState.Intact, null)
                : (AuditChainState.Rewritten, "The entry's content does not match its (unkeyed, older) hash: it was modified.");
        }

        keyedSeen = true;
        if (!keys.TryGet(entry.ChainKeyId, out var key))
        {
            return (AuditChainState.KeyMissing, $"The entry was written with the chain key '{entry.ChainKeyId}', which is not configured: it cannot be checked.");
        }

        return string.Equals(entry.Hash, ComputeHash(entry, key), StringComparison.Ordinal)
            ? (AuditChainState.Intact, null)
            : (AuditChainState.Rewritten, "The entry's content does not match its keyed hash: it was modified, or its hash recomputed without the key.");
    }

    private static AuditChainVerification Mismatch((AuditCheckpoint Checkpoint, bool SameEntry, string? HashNow) failed, long checkedCount, long lastSequence)
    {
        var (checkpoint, sameEntry, hashNow) = failed;
        var at = checkpoint.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        if (sameEntry)
        {
            return AuditChainVerification.Broken(AuditChainState.Rewritten, checkedCount, checkpoint.Sequence,
                $"The checkpoint of {at} recorded entry {checkpoint.Sequence} with hash {checkpoint.Hash}; it now has {hashNow}: the chain was modified and recomputed.");
        }

        var problem = checkpoint.Sequence > lastSequence
            ? $"Truncated: the checkpoint of {at} names entry {checkpoint.EntryId:D} at sequence {checkpoint.Sequence}, but the chain ends at sequence {lastSequence}: its last entries were deleted."
            : $"Truncated: the checkpoint of {at} names entry {checkpoint.EntryId:D} at sequence {checkpoint.Sequence}, which now holds another entry: the last entries were deleted and others written after them.";
        return AuditChainVerification.Broken(AuditChainState.Truncated, checkedCount, checkpoint.Sequence, problem);
    }

    /// <summary>
    /// HMAC-SHA256 under <paramref name="key"/> (lower-case hex) of the previous hash and the entry's fields in
    /// canonical form, key id included; without a key, the plain SHA-256 of entries written before the chain was keyed.
    /// </summary>
    public static string ComputeHash(AuditEntry entry, byte[]? key)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var canonical = new StringBuilder(512);
        Field(canonical, "format", key is null ? "1" : "2");
        if (key is not null)
        {
            Field(canonical, "key", entry.ChainKeyId);
        }

        Field(canonical, "previous", entry.PreviousHash);
        Field(canonical, "sequence", entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(canonical, "id", entry.Id.ToString("D"));
        Field(canonical, "at", DateTime.SpecifyKind(entry.At, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field(canonical, "staff", entry.StaffMemberId?.ToString("D"));
        Field(canonical, "actor", entry.Actor);
        Field(canonical, "role", entry.Role);
        Field(canonical, "establishment", entry.EstablishmentId?.ToString("D"));
        Field(canonical, "action", entry.Action);
        Field(canonical, "targetType", entry.TargetType);
        Field(canonical, "targetId", entry.TargetId);
        Field(canonical, "patient", entry.PatientId?.ToString("D"));
        Field(canonical, "outcome", ((int)entry.Outcome).ToString(CultureInfo.InvariantCulture));
        Field(canonical, "detail", entry.Detail);
        var bytes = Encoding.UTF8.GetBytes(canonical.ToString());
        return Convert.ToHexStringLower(key is null ? SHA256.HashData(bytes) : HMACSHA256.HashData(key, bytes));
    }

    // Length-prefixed values, and null distinct from empty, so that no two different entries serialise alike.
    private static void Field(StringBuilder canonical, string name, string? value)
    {
        canonical.Append(name).Append('=');
        if (value is null)
        {
            canonical.Append('-');
        }
        else
        {
            canonical.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        }

        canonical.Append('\n');
    }

    private AuditEntry NewEntry(AuditRecord record, ChainHead? head)
    {
        // Microsecond precision: what PostgreSQL keeps, so that the hash still matches once read back.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var entry = new AuditEntry
        {
            Sequence = (head?.Sequence ?? 0) + 1,
            PreviousHash = head?.Hash,
            ChainKeyId = keys.CurrentKeyId,
            At = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc),
            StaffMemberId = record.StaffMemberId,
            Actor = record.Actor,
            Role = record.Role,
            EstablishmentId = record.EstablishmentId,
            Action = record.Action,
            TargetType = record.TargetType,
            TargetId = record.TargetId,
            PatientId = record.PatientId,
            Outcome = record.Outcome,
            Detail = record.Detail,
        };
        entry.Hash = ComputeHash(entry, keys.Current);
        return entry;
    }

    private static Task<ChainHead?> ReadHeadAsync(IPortalDbContext db, CancellationToken cancellationToken) =>
        db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new ChainHead(e.Sequence, e.Hash))
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<bool> HeadMovedAsync(ChainHead? readBefore, CancellationToken cancellationToken)
    {
        var db = await dbContextFactory.CreateAsync(cancellationToken);
        await using (db)
        {
            var now = await ReadHeadAsync(db, cancellationToken);
            return now?.Sequence != readBefore?.Sequence;
        }
    }

    private sealed record ChainHead(long Sequence, string? Hash);
}

/// <summary>Lets one append at a time reach the database from this process (registered as a singleton).</summary>
public sealed class AuditAppendLock : IDisposable
{
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    public void Dispose() => Gate.Dispose();
}
