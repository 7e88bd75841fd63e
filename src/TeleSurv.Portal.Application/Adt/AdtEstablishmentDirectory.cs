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

    /// <summary>
    /// The assigning authority of an IPP (CX-4): the establishment's code when CX-4.1 names it or CX-4.2 is its FINESS,
    /// else CX-4.1 or CX-4.2 as sent; null when CX-4 is empty.
    /// </summary>
    internal async Task<(string? Authority, (Guid Id, string Code)? Establishment)> ResolveAuthorityAsync(
        IPortalDbContext db, AdtIdentifier identifier, CancellationToken cancellationToken)
    {
        var ns = AdtIdentityRules.Blank(identifier.AuthorityNamespace);
        var id = AdtIdentityRules.Blank(identifier.AuthorityId);
        if (ns is null && id is null)
        {
            return (null, null);
        }

        var establishment = await FindAsync(db, ns, id, cancellationToken);
        return (establishment?.Code ?? ns ?? id, establishment);
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
