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
    public IReadOnlyList<string> Missing(TriageActionKind kind)
    {
        var missing = new List<string>();
        void Require(bool present, string key)
        {
            if (!present)
            {
                missing.Add(key);
            }
        }

        switch (kind)
        {
            case TriageActionKind.PhoneCall:
                Require(CallOutcome is not null, "Acts.Missing.CallOutcome");
                break;
            case TriageActionKind.Advice:
                Require(Filled(Text), "Acts.Missing.Advice");
                break;
            case TriageActionKind.MedicationSuggested:
                Require(Filled(DrugName), "Acts.Missing.DrugName");
                Require(Filled(Text), "Acts.Missing.Instructions");
                break;
            case TriageActionKind.GradeConfirmed:
                Require(ItemKey is not null, "Acts.Missing.Symptom");
                Require(Grade is not null, "Acts.Missing.Grade");
                break;
            case TriageActionKind.ConsultationScheduled:
                Require(ConsultationAt is not null, "Acts.Missing.When");
                Require(Filled(With), "Acts.Missing.With");
                break;
            case TriageActionKind.EmergencyReferral:
                Require(Filled(Text), "Acts.Missing.Reason");
                break;
            case TriageActionKind.Escalation:
                Require(Filled(Text), "Acts.Missing.Question");
                Require(Urgency is not null, "Acts.Missing.Urgency");
                break;
            case TriageActionKind.OncologistDecision:
                Require(Decision is not null, "Acts.Missing.Decision");
                Require(Filled(Text), "Acts.Missing.DecisionNote");
                Require(!ResolveAlert || Filled(Outcome), "Acts.Missing.Outcome");
                break;
            case TriageActionKind.Resolution:
                Require(Filled(Text), "Acts.Missing.Outcome");
                break;
            case TriageActionKind.Correction:
                Require(Filled(Text), "Acts.Missing.Correction");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Claiming and releasing have no form.");
        }

        return missing;
    }

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
