using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>
/// The establishments an IPP's assigning authority may name (by code or FINESS), read once and kept for a short
/// while: every ADT message needs this lookup, and establishments change a few times a year. An authority not found
/// is looked up again once the copy is a few seconds old, so that a new establishment is seen at once.
/// </summary>
public sealed class AdtEstablishmentDirectory(TimeProvider timeProvider)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MinAgeToReloadOnMiss = TimeSpan.FromSeconds(2);

    private Snapshot? _snapshot;

    internal async Task<(Guid Id, string Code)?> FindAsync(IPortalDbContext db, string? code, string? finess, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        var now = timeProvider.GetUtcNow();
        if (snapshot is null || now - snapshot.ReadAt > MaxAge)
        {
            snapshot = await LoadAsync(db, now, cancellationToken);
        }

        var found = snapshot.Find(code, finess);
        if (found is null && now - snapshot.ReadAt > MinAgeToReloadOnMiss)
        {
            snapshot = await LoadAsync(db, now, cancellationToken);
            found = snapshot.Find(code, finess);
        }

        return found;
    }

    private async Task<Snapshot> LoadAsync(IPortalDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.Establishments.AsNoTracking().Select(e => new { e.Id, e.Code, e.Finess }).ToListAsync(cancellationToken);
        var snapshot = new Snapshot(
            now,
            rows.ToDictionary(r => r.Code, r => (r.Id, r.Code), StringComparer.Ordinal),
            rows.ToDictionary(r => r.Finess, r => (r.Id, r.Code), StringComparer.Ordinal));
        _snapshot = snapshot;
        return snapshot;
    }

    private sealed record Snapshot(DateTimeOffset ReadAt, Dictionary<string, (Guid Id, string Code)> ByCode, Dictionary<string, (Guid Id, string Code)> ByFiness)
    {
        public (Guid Id, string Code)? Find(string? code, string? finess) =>
            code is not null && ByCode.TryGetValue(code, out var byCode) ? byCode
            : finess is not null && ByFiness.TryGetValue(finess, out var byFiness) ? byFiness
            : null;
    }
}
