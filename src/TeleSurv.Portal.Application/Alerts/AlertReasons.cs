using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Application.Alerts;

/// <summary>The reason each alert of a list is shown for, read in one query for the whole page.</summary>
internal static class AlertReasons
{
    public static async Task<Dictionary<Guid, AlertReason?>> ForAsync(
        IPortalDbContext db, IEnumerable<Guid> alertIds, CancellationToken cancellationToken)
    {
        Guid[] ids = [.. alertIds.Distinct()];
        if (ids.Length == 0)
        {
            return [];
        }

        var findings = await db.Alerts.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Findings })
            .ToListAsync(cancellationToken);
        return findings.ToDictionary(a => a.Id, a => AlertReason.Of(a.Findings));
    }
}
