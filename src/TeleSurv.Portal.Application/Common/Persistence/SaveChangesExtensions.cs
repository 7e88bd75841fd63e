using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Exceptions;

namespace TeleSurv.Portal.Application.Common.Persistence;

internal static class SaveChangesExtensions
{
    /// <summary>
    /// Saves, turning a lost optimistic-concurrency race (someone saved the same row since it was read) into a
    /// <see cref="ConflictException"/> that tells the user to reload, instead of an error.
    /// </summary>
    /// <param name="what">What was being saved, as the user knows it (e.g. "The alert").</param>
    public static async Task<int> SaveChangesOrConflictAsync(this IPortalDbContext db, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            return await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw ConflictException.Concurrency(what, exception);
        }
    }
}
