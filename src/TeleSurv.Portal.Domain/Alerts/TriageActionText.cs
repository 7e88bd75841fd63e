using System.Globalization;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>What a triage action was, in one line from its kind and structured details (the note is apart).</summary>
public static class TriageActionText
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static LocalizedText KindName(TriageActionKind kind) => kind switch
    {
        TriageActionKind.Claim => new("Prise en charge", "Claimed"),
        TriageActionKind.Release => new("Prise en charge libérée", "Released"),
        TriageActionKind.PhoneCall => new("Appel téléphonique", "Phone call"),
        TriageActionKind.Advice => new("Conseil donné", "Advice given"),
        TriageActionKind.MedicationSuggested => new("Traitement de support proposé", "Supportive medication suggested"),
        TriageActionKind.GradeConfirmed => new("Grade CTCAE confirmé", "CTCAE grade confirmed"),
        TriageActionKind.ConsultationScheduled => new("Consultation programmée", "Consultation scheduled"),
        TriageActionKind.EmergencyReferral => new("Orientation vers les urgences", "Referred to emergency services"),
        TriageActionKind.Escalation => new("Avis oncologue demandé", "Escalated to the oncologist"),
        TriageActionKind.OncologistDecision => new("Décision de l'oncologue", "Oncologist's decision"),
        TriageActionKind.Resolution => new("Alerte clôturée", "Alert resolved"),
        TriageActionKind.Correction => new("Complément au compte rendu", "Report correction"),
        TriageActionKind.Withdrawal => new("Retrait du compte rendu", "Report withdrawn"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static LocalizedText RoleName(StaffRole role) => role switch
    {
        StaffRole.Ide => new("IDE", "Nurse"),
        StaffRole.Ipa => new("IPA", "Advanced practice nurse"),
        StaffRole.Oncologist => new("Oncologue", "Oncologist"),
        StaffRole.Admin => new("Administrateur", "Administrator"),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static LocalizedText Outcome(PhoneCallOutcome outcome) => outcome switch
    {
        PhoneCallOutcome.Reached => new("patient joint", "patient reached"),
        PhoneCallOutcome.NotReached => new("patient non joint", "patient not reached"),
        PhoneCallOutcome.MessageLeft => new("message laissé", "message left"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static LocalizedText Urgency(EscalationUrgency urgency) => urgency switch
    {
        EscalationUrgency.Urgent => new("urgent", "urgent"),
        // The words of the escalation form, so that the history and the report say what the nurse chose.
        EscalationUrgency.Routine => new("dans la journée", "within the day"),
        _ => throw new ArgumentOutOfRangeException(nameof(urgency), urgency, null),
    };

    public static LocalizedText Decision(OncologistDecisionKind decision) => decision switch
    {
        OncologistDecisionKind.ContinueTreatment => new("poursuite du traitement", "continue treatment"),
        OncologistDecisionKind.AdjustOrHoldTreatment => new("adaptation ou suspension du traitement", "adjust or hold treatment"),
        OncologistDecisionKind.Consultation => new("consultation", "consultation"),
        OncologistDecisionKind.HospitalAdmission => new("hospitalisation", "hospital admission"),
        OncologistDecisionKind.Other => new("autre", "other"),
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    /// <summary>The kind of the action and what its details say, e.g. "Appel téléphonique : patient joint".</summary>
    /// <param name="timeZone">Zone of the times shown (the establishment's: the patients' calendar days).</param>
    public static LocalizedText Describe(TriageActionKind kind, string? details, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var name = KindName(kind);
        var what = kind switch
        {
            TriageActionKind.PhoneCall => TriageActionDetails.Read<PhoneCallDetails>(details) is { } call ? Outcome(call.Outcome) : null,
            TriageActionKind.MedicationSuggested => TriageActionDetails.Read<MedicationSuggestionDetails>(details) is { } drug
                ? new LocalizedText(drug.DrugName, drug.DrugName)
                : null,
            TriageActionKind.GradeConfirmed => TriageActionDetails.Read<GradeConfirmationDetails>(details) is { } grade
                ? ConfirmedGrade(grade)
                : null,
            TriageActionKind.ConsultationScheduled => TriageActionDetails.Read<ConsultationDetails>(details) is { } consultation
                ? Consultation(consultation, timeZone)
                : null,
            TriageActionKind.EmergencyReferral => TriageActionDetails.Read<EmergencyReferralDetails>(details) is { } referral
                ? new LocalizedText(referral.Reason, referral.Reason)
                : null,
            TriageActionKind.Escalation => TriageActionDetails.Read<EscalationDetails>(details) is { } escalation
                ? Escalation(escalation)
                : null,
            TriageActionKind.OncologistDecision => TriageActionDetails.Read<OncologistDecisionDetails>(details) is { } decision
                ? Decision(decision.Decision)
                : null,
            TriageActionKind.Correction => TriageActionDetails.Read<CorrectionDetails>(details) is { } correction
                ? new LocalizedText(
                    string.Create(CultureInfo.InvariantCulture, $"version {correction.ReportVersion} du compte rendu"),
                    string.Create(CultureInfo.InvariantCulture, $"report version {correction.ReportVersion}"))
                : null,
            TriageActionKind.Withdrawal => TriageActionDetails.Read<WithdrawalDetails>(details) is { } withdrawal
                ? new LocalizedText(
                    string.Create(CultureInfo.InvariantCulture, $"version {withdrawal.WithdrawnVersion} retirée"),
                    string.Create(CultureInfo.InvariantCulture, $"version {withdrawal.WithdrawnVersion} withdrawn"))
                : null,
            _ => null,
        };
        return what is null ? name : new($"{name.Fr} : {what.Fr}", $"{name.En}: {what.En}");
    }

    private static LocalizedText ConfirmedGrade(GradeConfirmationDetails grade)
    {
        var label = FindingExplanation.ItemLabel(grade.ItemKey);
        var ctcae = CtcaeGrades.IsValid(grade.CtcaeGrade) ? CtcaeGrades.Get(grade.CtcaeGrade).Name : new("?", "?");
        return new(
            string.Create(CultureInfo.InvariantCulture, $"{label.Fr}, grade {grade.CtcaeGrade} ({ctcae.Fr.ToLowerInvariant()})"),
            string.Create(CultureInfo.InvariantCulture, $"{label.En}, grade {grade.CtcaeGrade} ({ctcae.En.ToLowerInvariant()})"));
    }

    private static LocalizedText Escalation(EscalationDetails escalation)
    {
        var urgency = Urgency(escalation.Urgency);
        return escalation.OncologistName is { } name
            ? new($"{urgency.Fr}, adressé à {name}", $"{urgency.En}, to {name}")
            : urgency;
    }

    private static LocalizedText Consultation(ConsultationDetails consultation, TimeZoneInfo timeZone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(consultation.ScheduledAt, DateTimeKind.Utc), timeZone);
        return new(
            string.Create(French, $"le {local:dd/MM/yyyy} à {local:HH:mm} avec {consultation.With}"),
            string.Create(CultureInfo.InvariantCulture, $"on {local:yyyy-MM-dd} at {local:HH:mm} with {consultation.With}"));
    }
}
