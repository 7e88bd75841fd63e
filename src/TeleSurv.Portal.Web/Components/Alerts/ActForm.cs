using Mediator;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Web.Components.Alerts;

/// <summary>
/// What the clinician typed for one act, kept until the act is recorded: after a refusal (someone changed the
/// alert meanwhile) the same input is sent again on the fresh version, so nothing typed is lost.
/// </summary>
public sealed class ActForm
{
    public PhoneCallOutcome? CallOutcome { get; set; }

    /// <summary>The act's main text: the advice, the instructions, the reason, the question, the outcome, the correction.</summary>
    public string Text { get; set; } = string.Empty;

    public string Note { get; set; } = string.Empty;

    public string DrugName { get; set; } = string.Empty;

    public string? ItemKey { get; set; }

    public int? Grade { get; set; }

    /// <summary>Local time of the consultation, in the patients' time zone.</summary>
    public DateTime? ConsultationAt { get; set; }

    public string With { get; set; } = string.Empty;

    public EscalationUrgency? Urgency { get; set; }

    /// <summary>The oncologist the escalation is addressed to; null for any oncologist of the establishment.</summary>
    public Guid? OncologistId { get; set; }

    public OncologistDecisionKind? Decision { get; set; }

    /// <summary>The oncologist's decision also closes the alert, with <see cref="Outcome"/>.</summary>
    public bool ResolveAlert { get; set; }

    public string Outcome { get; set; } = string.Empty;

    /// <summary>The keys (resource names) of what is missing before the act can be sent; empty when complete.</summary>
    public IReadOnlyList<string> Missing(TriageActionKind kind) => [.. MissingFields(kind).Select(missing => missing.Key)];

    /// <summary>
    /// What is missing before the act can be sent, each with the field it belongs to (a property of this form) so
    /// that the form says it on the field; empty when complete.
    /// </summary>
    public IReadOnlyList<(string Field, string Key)> MissingFields(TriageActionKind kind)
    {
        var missing = new List<(string Field, string Key)>();
        void Require(bool present, string field, string key)
        {
            if (!present)
            {
                missing.Add((field, key));
            }
        }

        switch (kind)
        {
            case TriageActionKind.PhoneCall:
                Require(CallOutcome is not null, nameof(CallOutcome), "Acts.Missing.CallOutcome");
                break;
            case TriageActionKind.Advice:
                Require(Filled(Text), nameof(Text), "Acts.Missing.Advice");
                break;
            case TriageActionKind.MedicationSuggested:
                Require(Filled(DrugName), nameof(DrugName), "Acts.Missing.DrugName");
                Require(Filled(Text), nameof(Text), "Acts.Missing.Instructions");
                break;
            case TriageActionKind.GradeConfirmed:
                Require(ItemKey is not null, nameof(ItemKey), "Acts.Missing.Symptom");
                Require(Grade is not null, nameof(Grade), "Acts.Missing.Grade");
                break;
            case TriageActionKind.ConsultationScheduled:
                Require(ConsultationAt is not null, nameof(ConsultationAt), "Acts.Missing.When");
                Require(Filled(With), nameof(With), "Acts.Missing.With");
                break;
            case TriageActionKind.EmergencyReferral:
                Require(Filled(Text), nameof(Text), "Acts.Missing.Reason");
                break;
            case TriageActionKind.Escalation:
                Require(Filled(Text), nameof(Text), "Acts.Missing.Question");
                Require(Urgency is not null, nameof(Urgency), "Acts.Missing.Urgency");
                break;
            case TriageActionKind.OncologistDecision:
                Require(Decision is not null, nameof(Decision), "Acts.Missing.Decision");
                Require(Filled(Text), nameof(Text), "Acts.Missing.DecisionNote");
                Require(!ResolveAlert || Filled(Outcome), nameof(Outcome), "Acts.Missing.Outcome");
                break;
            case TriageActionKind.Resolution:
                Require(Filled(Text), nameof(Text), "Acts.Missing.Outcome");
                break;
            case TriageActionKind.Correction:
                Require(Filled(Text), nameof(Text), "Acts.Missing.Correction");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Claiming and releasing have no form.");
        }

        return missing;
    }

    /// <summary>
    /// The field of this form that a property of the act's command comes from, so that a message of the command's
    /// validator shows on the field the clinician filled; null for a property no field fills (the alert, its version).
    /// </summary>
    public static string? FieldOf(TriageActionKind kind, string commandProperty) => (kind, commandProperty) switch
    {
        (TriageActionKind.PhoneCall, "Outcome") => nameof(CallOutcome),
        (TriageActionKind.OncologistDecision, "Note") => nameof(Text),
        (TriageActionKind.OncologistDecision, "Outcome") => nameof(Outcome),
        (TriageActionKind.OncologistDecision, "Decision") => nameof(Decision),
        (TriageActionKind.OncologistDecision, "ResolveAlert") => nameof(ResolveAlert),
        (_, "Advice" or "Instructions" or "Reason" or "Question" or "Correction") => nameof(Text),
        (TriageActionKind.Resolution, "Outcome") => nameof(Text),
        (_, "Note") => nameof(Note),
        (_, "DrugName") => nameof(DrugName),
        (_, "ItemKey") => nameof(ItemKey),
        (_, "Grade") => nameof(Grade),
        (_, "ScheduledAt") => nameof(ConsultationAt),
        (_, "With") => nameof(With),
        (_, "Urgency") => nameof(Urgency),
        (_, "OncologistId") => nameof(OncologistId),
        _ => null,
    };

    /// <summary>The command for the act, on the version of the alert the user now sees. Call once <see cref="Missing"/> is empty.</summary>
    public IRequest<AlertActionResult> ToCommand(TriageActionKind kind, Guid alertId, Guid version, TimeZoneInfo timeZone) => kind switch
    {
        TriageActionKind.PhoneCall => new RecordPhoneCallCommand(alertId, version, CallOutcome!.Value, Optional(Note)),
        TriageActionKind.Advice => new RecordAdviceCommand(alertId, version, Text.Trim()),
        TriageActionKind.MedicationSuggested => new SuggestMedicationCommand(alertId, version, DrugName.Trim(), Text.Trim()),
        TriageActionKind.GradeConfirmed => new ConfirmCtcaeGradeCommand(alertId, version, ItemKey!, Grade!.Value, Optional(Note)),
        TriageActionKind.ConsultationScheduled => new ScheduleConsultationCommand(
            alertId, version, TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(ConsultationAt!.Value, DateTimeKind.Unspecified), timeZone),
            With.Trim(), Optional(Note)),
        TriageActionKind.EmergencyReferral => new ReferToEmergencyCommand(alertId, version, Text.Trim(), Optional(Note)),
        TriageActionKind.Escalation => new EscalateToOncologistCommand(alertId, version, Text.Trim(), Urgency!.Value, OncologistId),
        TriageActionKind.OncologistDecision => new RecordOncologistDecisionCommand(
            alertId, version, Decision!.Value, Text.Trim(), ResolveAlert, ResolveAlert ? Outcome.Trim() : null),
        TriageActionKind.Resolution => new ResolveAlertCommand(alertId, version, Text.Trim()),
        TriageActionKind.Correction => new CorrectAlertReportCommand(alertId, version, Text.Trim()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Claiming and releasing have no form."),
    };

    private static bool Filled(string text) => !string.IsNullOrWhiteSpace(text);

    private static string? Optional(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
