namespace TeleSurv.Portal.Domain.Enrollments;

/// <summary>A patient's inclusion in telemonitoring at one establishment: treatment, schedule, consent.</summary>
public sealed class Enrollment : Entity
{
    public Guid PatientId { get; init; }

    public Guid EstablishmentId { get; set; }

    /// <summary>Referring oncologist (a <see cref="Staff.StaffMember"/>).</summary>
    public Guid? ReferringOncologistId { get; set; }

    /// <summary>Nurse team whose queue receives this patient's alerts.</summary>
    public string? NurseTeam { get; set; }

    public TreatmentType Treatment { get; set; }

    /// <summary>Treatment includes cytotoxic chemotherapy: fever then suggests febrile neutropenia.</summary>
    public bool CytotoxicChemotherapy { get; set; }

    public bool WithRadiotherapy { get; set; }

    /// <summary>Free-text regimen as prescribed (e.g. "FOLFOX J1=J15").</summary>
    public string? Regimen { get; set; }

    public DateOnly StartDate { get; set; }

    /// <summary>End of the telemonitoring prescription: at most one year after the start.</summary>
    public DateOnly PrescriptionEnd { get; set; }

    /// <summary>Weeks between two questionnaires (1 = weekly).</summary>
    public int CadenceWeeks { get; set; } = 1;

    /// <summary>Day of the week a questionnaire is due.</summary>
    public DayOfWeek QuestionnaireDay { get; set; } = DayOfWeek.Monday;

    public EnrollmentStatus Status { get; set; }

    public string? StatusReason { get; set; }

    public ConsentDecision ConsentDecision { get; set; }

    public DateOnly ConsentDate { get; set; }

    public ConsentMethod ConsentMethod { get; set; }

    /// <summary>Staff member who recorded the consent.</summary>
    public Guid? ConsentRecordedById { get; set; }

    /// <summary>What the patient was told (including that the service is not for emergencies).</summary>
    public string? ConsentInformation { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Optimistic concurrency token, renewed on every change.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public static readonly int MaxPrescriptionDays = 366;
}
