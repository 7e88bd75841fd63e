using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Auditing;

namespace TeleSurv.Portal.Application.Tests.Support;

/// <summary>An audit trail in memory, for behaviour tests that need no database; can be told to fail.</summary>
public sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly List<AuditRecord> _records = [];

    public IReadOnlyList<AuditRecord> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public bool FailWrites { get; set; }

    public Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (FailWrites)
        {
            throw new InvalidOperationException("Audit store unavailable.");
        }

        lock (_records)
        {
            _records.Add(record);
            return Task.FromResult(new AuditEntry
            {
                Sequence = _records.Count,
                Actor = record.Actor,
                Action = record.Action,
                Outcome = record.Outcome,
            });
        }
    }

    public Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The in-memory trail keeps no chain; chain tests use the database.");
}
