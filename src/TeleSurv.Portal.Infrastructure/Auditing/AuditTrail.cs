using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Auditing;

namespace TeleSurv.Portal.Infrastructure.Auditing;

/// <summary>
/// The audit trail in the portal's database: each entry's <see cref="AuditEntry.Hash"/> is the SHA-256 of the
/// previous entry's hash and of the entry's own fields in a fixed canonical form, so that changing or deleting
/// an entry breaks the chain at that point.
/// </summary>
/// <remarks>
/// Appends are serialised: one writer at a time in this process (<see cref="AuditAppendLock"/>), and across
/// processes the unique index on <see cref="AuditEntry.Sequence"/> makes the loser of a race fail, read the new
/// head and try again. Removing the last entries leaves a valid shorter chain: only a copy of the head kept
/// elsewhere proves the length, which the verification reports so that it can be compared.
/// </remarks>
public sealed class AuditTrail(IPortalDbContextFactory dbContextFactory, TimeProvider timeProvider, AuditAppendLock appendLock) : IAuditTrail
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
        long checkedCount = 0;
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
                    return AuditChainVerification.Intact(checkedCount);
                }

                foreach (var entry in batch)
                {
                    var problem = entry.Sequence != previousSequence + 1
                        ? $"Entries {previousSequence + 1} to {entry.Sequence - 1} are missing."
                        : !string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal)
                            ? "The entry does not link to the hash of the entry before it."
                            : !string.Equals(entry.Hash, ComputeHash(entry), StringComparison.Ordinal)
                                ? "The entry's content does not match its hash: it was modified."
                                : null;
                    if (problem is not null)
                    {
                        return AuditChainVerification.Broken(checkedCount, entry.Sequence, problem);
                    }

                    checkedCount++;
                    previousSequence = entry.Sequence;
                    previousHash = entry.Hash;
                }
            }
        }
    }

    /// <summary>SHA-256 (lower-case hex) of the previous hash and the entry's fields in canonical form.</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var canonical = new StringBuilder(512);
        Field(canonical, "format", "1");
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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
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
        entry.Hash = ComputeHash(entry);
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
