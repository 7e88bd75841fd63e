using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Adt;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>
/// Which journal rows an admin sees: those of the admin's establishments (by the IPP's assigning authority), and
/// those that name no known establishment (unreadable or foreign messages), which only an admin can look into.
/// </summary>
internal static class AdtJournalScope
{
    public static IQueryable<AdtMessageJournal> VisibleTo(this IQueryable<AdtMessageJournal> rows, ICurrentUser user, Guid? within = null)
    {
        if (within is { } one)
        {
            return rows.Where(m => m.EstablishmentId == one);
        }

        var establishmentIds = user.EstablishmentIds.ToArray();
        return rows.Where(m => m.EstablishmentId == null || establishmentIds.Contains(m.EstablishmentId.Value));
    }
}
