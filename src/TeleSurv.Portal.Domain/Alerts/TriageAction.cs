using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Domain.Alerts;

public enum TriageActionKind
{
    Claim = 0,
    Release = 1,
    PhoneCall = 2,
    Advice = 3,
    MedicationSuggested = 4,
    GradeConfirmed = 5,
    ConsultationScheduled = 6,
    EmergencyReferral = 7,
    Escalation = 8,
    OncologistDecision = 9,
    Resolution = 10,

    /// <summary>An addition to the report of a resolved alert: the report gets a corrected version.</summary>
    Correction = 11,

    /// <summary>The report of a resolved alert is withdrawn: a last version says so, and the EAI deletes it.</summary>
    Withdrawal = 12,
}

/// <summary>A clinician's act on an alert, traced as R.6316-4 requires: who, in which role, when, what.</summary>
public sealed class TriageAction : Entity
{
    public Guid AlertId { get; init; }

    public Guid PatientId { get; set; }

    public TriageActionKind Kind { get; init; }

    public DateTime At { get; init; }

    public Guid StaffMemberId { get; init; }

    /// <summary>Name of the professional at the time of the act.</summary>
    public required string StaffName { get; init; }

    public StaffRole StaffRole { get; init; }

    /// <summary>Free text written by the professional.</summary>
    public string? Note { get; init; }

    /// <summary>Structured part of the act (call outcome, confirmed grade, decision…) as JSON.</summary>
    public string? Details { get; init; }
}
