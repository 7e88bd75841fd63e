using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeleSurv.Portal.Domain.Alerts;

public enum PhoneCallOutcome
{
    /// <summary>The patient (or a relative) was reached.</summary>
    Reached = 0,

    NotReached = 1,

    /// <summary>A voice message was left.</summary>
    MessageLeft = 2,
}

/// <summary>How soon the nurse needs the oncologist's answer.</summary>
public enum EscalationUrgency
{
    /// <summary>An answer is needed now.</summary>
    Urgent = 0,

    /// <summary>An answer is needed within the day's work.</summary>
    Routine = 1,
}

/// <summary>What the oncologist decided about an escalated alert.</summary>
public enum OncologistDecisionKind
{
    ContinueTreatment = 0,

    AdjustOrHoldTreatment = 1,

    Consultation = 2,

    HospitalAdmission = 3,

    Other = 4,
}

/// <summary>Structured part of a <see cref="TriageActionKind.PhoneCall"/>.</summary>
public sealed record PhoneCallDetails(PhoneCallOutcome Outcome);

/// <summary>Structured part of a <see cref="TriageActionKind.MedicationSuggested"/>: the free text is the action's note.</summary>
public sealed record MedicationSuggestionDetails(string DrugName);

/// <summary>
/// Structured part of a <see cref="TriageActionKind.GradeConfirmed"/>: the CTCAE grade (1-5) the clinician gives a
/// symptom of the alert, beside the composite PRO-CTCAE grade (0-3) computed from the patient's answers.
/// </summary>
public sealed record GradeConfirmationDetails(string ItemKey, int CtcaeGrade, int? CompositeGrade);

/// <summary>Structured part of a <see cref="TriageActionKind.ConsultationScheduled"/>.</summary>
/// <param name="ScheduledAt">UTC time of the consultation.</param>
/// <param name="With">Who the patient will see (professional or department).</param>
public sealed record ConsultationDetails(DateTime ScheduledAt, string With);

/// <summary>Structured part of a <see cref="TriageActionKind.EmergencyReferral"/>.</summary>
public sealed record EmergencyReferralDetails(string Reason);

/// <summary>Structured part of a <see cref="TriageActionKind.Escalation"/>; the question is also the action's note.</summary>
/// <param name="OncologistId">The oncologist asked, when the nurse named one; otherwise any oncologist of the establishment.</param>
public sealed record EscalationDetails(string Question, EscalationUrgency Urgency, Guid? OncologistId, string? OncologistName);

/// <summary>Structured part of a <see cref="TriageActionKind.OncologistDecision"/>.</summary>
/// <param name="ResolvesAlert">The decision closed the alert; otherwise it went back to the nurse team.</param>
public sealed record OncologistDecisionDetails(OncologistDecisionKind Decision, bool ResolvesAlert);

/// <summary>Structured part of a <see cref="TriageActionKind.Resolution"/>: the outcome and the report it wrote.</summary>
public sealed record ResolutionDetails(string Outcome, int ReportVersion);

/// <summary>Structured part of a <see cref="TriageActionKind.Correction"/>: the report version it produced.</summary>
public sealed record CorrectionDetails(int ReportVersion);

/// <summary>Structured part of a <see cref="TriageActionKind.Withdrawal"/>: the version withdrawn and the one that says so; the reason is the note.</summary>
public sealed record WithdrawalDetails(int WithdrawnVersion, int ReportVersion);

/// <summary>
/// The JSON form of the structured part of a <see cref="TriageAction"/> (its <see cref="TriageAction.Details"/>):
/// camel-case names and enum values by name in snake case (<c>{"outcome":"not_reached"}</c>), so that the stored
/// text reads on its own and survives enum reordering.
/// </summary>
public static class TriageActionDetails
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize<T>(T details)
        where T : class => JsonSerializer.Serialize(details, Options);

    /// <summary>The details of an action, or null when it has none or they are not of this shape.</summary>
    public static T? Read<T>(TriageAction action)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(action);
        return Read<T>(action.Details);
    }

    /// <summary>The details stored as JSON, or null when there are none or they are not of this shape.</summary>
    public static T? Read<T>(string? json)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
