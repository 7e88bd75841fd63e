using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Infrastructure.Seeding;

namespace TeleSurv.Portal.BrowserTests.Support;

/// <summary>Patients for the benchmarks that answer through the patient API, added to a database seeded with the demo data.</summary>
public static class BenchPatients
{
    /// <summary>
    /// Sets the demo's unresolved alerts aside and gives <paramref name="count"/> new patients of the demo patient's
    /// establishment (the demo nurses') a link and a week open today, under cytotoxic chemotherapy: an answer with a
    /// fever raises an urgent alert. Returns their link tokens.
    /// </summary>
    public static async Task<List<string>> AddAsync(PortalDbContext db, int count)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = DateTime.UtcNow;
        var demo = await db.Patients.Where(p => p.Ipp == DemoSeed.DemoPatientIpp).Select(p => new { p.Id, p.IppAuthority }).SingleAsync();
        var establishmentId = await db.Enrollments.Where(e => e.PatientId == demo.Id).Select(e => e.EstablishmentId).FirstAsync();
        await db.Alerts.Where(a => a.Status != AlertStatus.Resolved)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AlertStatus.Resolved).SetProperty(a => a.ResolvedAt, now));

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")));
        var tokens = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var patient = new Patient
            {
                Ipp = "BENCH" + i.ToString("D5", CultureInfo.InvariantCulture),
                IppAuthority = demo.IppAuthority,
                BirthFamilyName = "BANC" + i.ToString(CultureInfo.InvariantCulture),
                FirstNames = "Essai",
                BirthDate = new DateOnly(1960, 1, 1).AddDays(i),
                Sex = i % 2 == 0 ? Sex.Female : Sex.Male,
                IdentityStatus = IdentityStatus.Provisional,
                Source = PatientSource.Manual,
                CreatedAt = now,
                UpdatedAt = now,
            };
            var enrollment = new Enrollment
            {
                PatientId = patient.Id,
                EstablishmentId = establishmentId,
                Treatment = TreatmentType.IvChemotherapy,
                CytotoxicChemotherapy = true,
                StartDate = today.AddDays(-14),
                PrescriptionEnd = today.AddDays(180),
                QuestionnaireDay = today.DayOfWeek,
                Status = EnrollmentStatus.Active,
                ConsentDecision = ConsentDecision.Given,
                ConsentDate = today.AddDays(-14),
                ConsentMethod = ConsentMethod.Paper,
                CreatedAt = now.AddDays(-14),
            };
            var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            db.AddRange(patient, enrollment, new PatientAccessLink
            {
                EnrollmentId = enrollment.Id,
                TokenHash = DemoSeed.HashToken(token),
                IssuedAt = now.AddDays(-1),
                ExpiresAt = now.AddDays(30),
            });
            tokens.Add(token);
        }

        await db.SaveChangesAsync();
        return tokens;
    }
}
