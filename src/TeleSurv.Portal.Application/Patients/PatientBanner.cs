using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;

namespace TeleSurv.Portal.Application.Patients;

/// <summary>
/// The patient banner of clinical screens: identity (with the INS and its RNIV status, which says whether the INS
/// may be relied on), and the follow-up it is shown for: establishment, treatment, referring oncologist, nurse team.
/// </summary>
public sealed record PatientBanner(
    Guid PatientId,
    string DisplayName,
    DateOnly BirthDate,
    int Age,
    Sex Sex,
    string Ipp,
    string IppAuthority,
    string? Ins,
    IdentityStatus IdentityStatus,
    Guid EstablishmentId,
    string EstablishmentName,
    string EstablishmentCode,
    Guid EnrollmentId,
    EnrollmentStatus EnrollmentStatus,
    TreatmentType Treatment,
    string? Regimen,
    bool CytotoxicChemotherapy,
    Guid? ReferringOncologistId,
    string? ReferringOncologistName,
    string? NurseTeam);

internal static class PatientBanners
{
    /// <summary>The banner of a patient as followed by one enrolment.</summary>
    public static async Task<PatientBanner> ForEnrollmentAsync(
        IPortalDbContext db, Guid enrollmentId, DateOnly today, CancellationToken cancellationToken)
    {
        var row = await (
                from e in db.Enrollments.AsNoTracking()
                join p in db.Patients on e.PatientId equals p.Id
                join s in db.Establishments on e.EstablishmentId equals s.Id
                where e.Id == enrollmentId
                select new
                {
                    Patient = p,
                    Enrollment = e,
                    EstablishmentName = s.Name,
                    EstablishmentCode = s.Code,
                    Oncologist = db.StaffMembers.Where(m => m.Id == e.ReferringOncologistId).Select(m => m.DisplayName).FirstOrDefault(),
                })
            .FirstAsync(cancellationToken);

        var patient = row.Patient;
        var enrollment = row.Enrollment;
        return new PatientBanner(
            patient.Id, patient.DisplayName, patient.BirthDate, patient.AgeOn(today), patient.Sex, patient.Ipp, patient.IppAuthority,
            patient.Ins, patient.IdentityStatus, enrollment.EstablishmentId, row.EstablishmentName, row.EstablishmentCode,
            enrollment.Id, enrollment.Status, enrollment.Treatment, enrollment.Regimen, enrollment.CytotoxicChemotherapy,
            enrollment.ReferringOncologistId, row.Oncologist, enrollment.NurseTeam);
    }

    /// <summary>
    /// The banner of a patient for the user: as followed by the patient's current enrolment in one of the user's
    /// establishments (an active one first, then the latest started); null when there is none.
    /// </summary>
    public static async Task<PatientBanner?> ForPatientAsync(
        IPortalDbContext db, Guid patientId, IReadOnlyCollection<Guid> establishmentIds, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = establishmentIds.ToArray();
        var enrollmentId = await db.Enrollments.AsNoTracking()
            .Where(e => e.PatientId == patientId && ids.Contains(e.EstablishmentId))
            .OrderBy(e => e.Status == EnrollmentStatus.Active ? 0 : 1)
            .ThenByDescending(e => e.StartDate)
            .ThenByDescending(e => e.Id)
            .Select(e => (Guid?)e.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return enrollmentId is { } id ? await ForEnrollmentAsync(db, id, today, cancellationToken) : null;
    }
}
