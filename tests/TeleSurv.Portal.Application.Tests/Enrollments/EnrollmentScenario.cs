using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Tests.Enrollments;

/// <summary>
/// An establishment with its admin, an oncologist and a nurse of a team, and a patient from ADT waiting for
/// enrolment there: the starting point of the enrolment tests.
/// </summary>
public sealed class EnrollmentScenario
{
    public const string Team = "Oncologie test";

    private EnrollmentScenario(ApplicationHost host, Establishment establishment, StaffMember admin, StaffMember oncologist, StaffMember nurse, Patient patient)
    {
        Host = host;
        Establishment = establishment;
        Admin = admin;
        Oncologist = oncologist;
        Nurse = nurse;
        Patient = patient;
    }

    public ApplicationHost Host { get; }

    public Establishment Establishment { get; }

    public StaffMember Admin { get; }

    public StaffMember Oncologist { get; }

    public StaffMember Nurse { get; }

    /// <summary>Not enrolled anywhere yet; its IPP was assigned by <see cref="Establishment"/>.</summary>
    public Patient Patient { get; }

    public TestCurrentUser AdminUser => TestData.UserFor(Admin);

    public static async Task<EnrollmentScenario> CreateAsync(ApplicationHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var establishment = TestData.Establishment();
        var admin = TestData.Staff(StaffRole.Admin, "Admin Inclusions", establishment);
        var oncologist = TestData.Staff(StaffRole.Oncologist, "Dr Référent", establishment);
        var nurse = TestData.Staff(StaffRole.Ide, "Infirmière Équipe", establishment);
        nurse.Team = Team;
        var patient = TestData.Patient("ATTENTE", "Jeanne Louise", new DateOnly(1958, 2, 14), establishment);
        await host.InsertAsync(establishment, admin, oncologist, nurse, patient);
        return new EnrollmentScenario(host, establishment, admin, oncologist, nurse, patient);
    }

    /// <summary>A valid enrolment of <see cref="Patient"/> starting today (2026-03-10), with consent given on paper.</summary>
    public EnrolPatientCommand Command(Guid? patientId = null) => new()
    {
        PatientId = patientId ?? Patient.Id,
        EstablishmentId = Establishment.Id,
        ReferringOncologistId = Oncologist.Id,
        NurseTeam = Team,
        Treatment = TreatmentType.Immunotherapy,
        WithRadiotherapy = true,
        Regimen = "Pembrolizumab J1=J22",
        StartDate = new DateOnly(2026, 3, 10),
        PrescriptionEnd = new DateOnly(2026, 9, 9),
        CadenceWeeks = 1,
        QuestionnaireDay = DayOfWeek.Thursday,
        ConsentDecision = ConsentDecision.Given,
        ConsentDate = new DateOnly(2026, 3, 9),
        ConsentMethod = ConsentMethod.Electronic,
        ConsentInformation = "Notice d'information remise ; le service n'est pas un service d'urgence (appeler le 15).",
        InformedNotForEmergencies = true,
    };

    public Task<EnrolmentCreated> EnrolAsync(EnrolPatientCommand? command = null) => Host.SendAsync(AdminUser, command ?? Command());
}
