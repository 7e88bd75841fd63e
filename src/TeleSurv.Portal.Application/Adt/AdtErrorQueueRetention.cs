using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Adt;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>
/// Removes from the journal the messages that were never applied (refused, failed, dismissed) once they are older than
/// <see cref="AdtOptions.ErrorQueueRetentionDays"/>: the error queue of a noisy sender does not grow for ever. Applied
/// and ignored messages, the record of what changed a patient, stay.
/// </summary>
public static class AdtErrorQueueRetention
{
    /// <summary>Deletes the journal rows never applied and received before <paramref name="cutoff"/>; returns how many.</summary>
    public static Task<int> PurgeAsync(IPortalDbContext db, DateTime cutoff, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.AdtMessages
            .Where(m => (m.Status == AdtMessageStatus.Rejected || m.Status == AdtMessageStatus.Failed || m.Status == AdtMessageStatus.Dismissed)
                && m.ReceivedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
