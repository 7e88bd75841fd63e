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

    /// <summary>Why a follow-up whose consent was refused is closed at once.</summary>
    public const string ConsentRefusedReason = "Consent refused.";

    /// <summary>
    /// The last day a telemonitoring prescription starting on <paramref name="start"/> may run: one year, the start
    /// day included (the French reimbursement rules prescribe telemonitoring for at most a year at a time).
    /// </summary>
    public static DateOnly LastPrescriptionDay(DateOnly start) => start.AddYears(1).AddDays(-1);

    public static bool IsPrescriptionWithinOneYear(DateOnly start, DateOnly end) => end >= start && end <= LastPrescriptionDay(start);

    public bool CanPause => Status == EnrollmentStatus.Active;

    public bool CanEnd => Status != EnrollmentStatus.Ended;

    /// <summary>Only a paused follow-up with consent given and a prescription still running can go active again.</summary>
    public bool CanResumeOn(DateOnly today) =>
        Status == EnrollmentStatus.Paused && ConsentDecision == ConsentDecision.Given && today <= PrescriptionEnd;

    /// <summary>
    /// Records the patient's decision. Consent given makes the follow-up active; a refusal is kept on record and
    /// closes the follow-up, so that no enrolment is ever active without consent given.
    /// </summary>
    public void RecordConsent(ConsentDecision decision, DateOnly date, ConsentMethod method, Guid? recordedById, string information)
    {
        if (!Enum.IsDefined(decision) || !Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(decision), "Unknown consent decision or method.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(information);
        ConsentDecision = decision;
        ConsentDate = date;
        ConsentMethod = method;
        ConsentRecordedById = recordedById;
        ConsentInformation = information;
        if (decision == ConsentDecision.Given)
        {
            Status = EnrollmentStatus.Active;
            StatusReason = null;
        }
        else
        {
            Status = EnrollmentStatus.Ended;
            StatusReason = ConsentRefusedReason;
        }
    }

    public void Pause(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!CanPause)
        {
            throw new InvalidOperationException($"A follow-up in status {Status} cannot be paused.");
        }

        Status = EnrollmentStatus.Paused;
        StatusReason = reason;
    }

    public void Resume(DateOnly today, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!CanResumeOn(today))
        {
            throw new InvalidOperationException($"A follow-up in status {Status} (consent {ConsentDecision}, prescription ending {PrescriptionEnd:yyyy-MM-dd}) cannot resume on {today:yyyy-MM-dd}.");
        }

        Status = EnrollmentStatus.Active;
        StatusReason = reason;
    }

    public void End(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!CanEnd)
        {
            throw new InvalidOperationException("The follow-up has already ended.");
        }

        Status = EnrollmentStatus.Ended;
        StatusReason = reason;
    }
}
