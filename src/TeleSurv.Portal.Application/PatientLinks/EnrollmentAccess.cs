using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Domain.Enrollments;

namespace TeleSurv.Portal.Application.PatientLinks;

/// <summary>
/// The enrollment a staff request names, once the pipeline has checked that its patient is visible: it must be
/// that patient's, and at one of the user's establishments (a patient may be followed elsewhere too).
/// </summary>
internal static class EnrollmentAccess
{
    /// <summary>The tracked enrollment; reported as not found (and audited as denied) when out of scope.</summary>
    public static async Task<Enrollment> FindInScopeAsync(
        IPortalDbContext db, ICurrentUser user, Guid patientId, Guid enrollmentId, CancellationToken cancellationToken)
    {
        var establishmentIds = user.EstablishmentIds.ToArray();
        var enrollment = await db.Enrollments
            .FirstOrDefaultAsync(
                e => e.Id == enrollmentId && e.PatientId == patientId && establishmentIds.Contains(e.EstablishmentId),
                cancellationToken)
            ?? throw new OutOfScopeException("Enrollment", enrollmentId);
        AuditDetails.Current?.EstablishmentId = enrollment.EstablishmentId;
        return enrollment;
    }
}
