using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Common.Security;

/// <summary>
/// Which patients a user may see: those with an enrolment (of any status) in one of the user's establishments.
/// An admin also sees patients not yet enrolled anywhere whose IPP was assigned by one of the admin's
/// establishments: identities received from ADT that wait for enrolment.
/// The patient scope check and patient search share this rule, so that what one finds the other opens.
/// </summary>
internal static class PatientVisibility
{
    /// <param name="within">Narrows the scope to one of the user's establishments (already authorized).</param>
    public static async Task<IQueryable<Patient>> VisiblePatientsAsync(
        this IPortalDbContext db, ICurrentUser user, CancellationToken cancellationToken, Guid? within = null)
    {
        var establishmentIds = within is { } one && user.EstablishmentIds.Contains(one) ? [one]
            : within is null ? user.EstablishmentIds.ToArray()
            : [];
        var patients = db.Patients.AsNoTracking();
        if (user.Role != StaffRole.Admin)
        {
            return patients.Where(p => db.Enrollments.Any(e => e.PatientId == p.Id && establishmentIds.Contains(e.EstablishmentId)));
        }

        var authorities = await db.Establishments.AsNoTracking()
            .Where(e => establishmentIds.Contains(e.Id))
            .Select(e => e.Code)
            .ToArrayAsync(cancellationToken);
        return patients.Where(p =>
            db.Enrollments.Any(e => e.PatientId == p.Id && establishmentIds.Contains(e.EstablishmentId))
            || (authorities.Contains(p.IppAuthority) && !db.Enrollments.Any(e => e.PatientId == p.Id)));
    }
}
