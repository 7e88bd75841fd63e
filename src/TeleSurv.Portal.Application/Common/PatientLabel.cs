using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Application.Common;

/// <summary>
/// The few identity fields a list row shows, read by projection instead of loading the patient; the display
/// name and the age come from the domain's own rules.
/// </summary>
internal sealed record PatientLabel(
    Guid PatientId, string Ipp, string BirthFamilyName, string? UsedFamilyName, string FirstNames, string? UsedFirstName, DateOnly BirthDate)
{
    public (string DisplayName, int Age) Describe(DateOnly today)
    {
        var patient = new Patient
        {
            Ipp = Ipp,
            IppAuthority = string.Empty,
            BirthFamilyName = BirthFamilyName,
            UsedFamilyName = UsedFamilyName,
            FirstNames = FirstNames,
            UsedFirstName = UsedFirstName,
            BirthDate = BirthDate,
        };
        return (patient.DisplayName, patient.AgeOn(today));
    }
}

internal static class PatientLabels
{
    /// <summary>Labels of the patients of one page of rows: one query, by key.</summary>
    public static async Task<IReadOnlyDictionary<Guid, PatientLabel>> ForAsync(
        IPortalDbContext db, IEnumerable<Guid> patientIds, CancellationToken cancellationToken)
    {
        var ids = patientIds.Distinct().ToArray();
        if (ids.Length == 0)
        {
            return new Dictionary<Guid, PatientLabel>();
        }

        return await db.Patients.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new PatientLabel(p.Id, p.Ipp, p.BirthFamilyName, p.UsedFamilyName, p.FirstNames, p.UsedFirstName, p.BirthDate))
            .ToDictionaryAsync(p => p.PatientId, cancellationToken);
    }
}
