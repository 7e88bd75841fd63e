using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;

namespace TeleSurv.Portal.Application.Reports;

/// <summary>How the outbox stands: messages by state and the oldest one still owed to the EAI.</summary>
/// <param name="OldestPendingAt">When the oldest message not yet delivered nor parked was written; null when none waits.</param>
public sealed record OruOutboxStatistics(IReadOnlyDictionary<OruMessageState, int> Counts, DateTime? OldestPendingAt)
{
    public int Count(OruMessageState state) => Counts.GetValueOrDefault(state);

    /// <summary>How long the oldest pending message has waited at <paramref name="now"/>.</summary>
    public TimeSpan? OldestPendingAge(DateTime now) => OldestPendingAt is { } at ? now - at : null;

    public static async Task<OruOutboxStatistics> ReadAsync(IPortalDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counts = await db.OruOutbox.AsNoTracking()
            .GroupBy(m => m.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var oldest = await db.OruOutbox.AsNoTracking()
            .Where(m => m.State == OruMessageState.Pending || m.State == OruMessageState.Sending)
            .OrderBy(m => m.Sequence)
            .Select(m => (DateTime?)m.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var byState = Enum.GetValues<OruMessageState>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.State == s)?.Count ?? 0);
        return new OruOutboxStatistics(byState, oldest);
    }
}
