using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Alerts;

namespace TeleSurv.Portal.Web.Tests.Alerts;

/// <summary>What the alert page offers, and what the forms send: the same rules as docs/triage-workflow.md.</summary>
public sealed class AlertActsTests
{
    private static readonly Guid AlertId = Guid.CreateVersion7();
    private static readonly Guid Version = Guid.CreateVersion7();
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public void A_nurse_may_escalate_and_resolve_an_alert_she_handles_but_not_one_waiting_for_the_oncologist()
    {
        var open = AvailableActs.For(AlertStatus.InProgress, StaffRole.Ide, canConfirmGrade: true);
        var escalated = AvailableActs.For(AlertStatus.Escalated, StaffRole.Ipa, canConfirmGrade: true);

        Assert.Equal(
            [
                TriageActionKind.PhoneCall, TriageActionKind.Advice, TriageActionKind.MedicationSuggested, TriageActionKind.GradeConfirmed,
                TriageActionKind.ConsultationScheduled, TriageActionKind.EmergencyReferral, TriageActionKind.Escalation, TriageActionKind.Resolution,
            ],
            open);
        Assert.DoesNotContain(TriageActionKind.Escalation, escalated);
        Assert.DoesNotContain(TriageActionKind.Resolution, escalated);
        Assert.Contains(TriageActionKind.PhoneCall, escalated);
    }

    [Fact]
    public void The_oncologist_decides_an_escalated_alert_and_resolves_the_others()
    {
        Assert.Contains(TriageActionKind.OncologistDecision, AvailableActs.For(AlertStatus.Escalated, StaffRole.Oncologist, true));
        Assert.DoesNotContain(TriageActionKind.Resolution, AvailableActs.For(AlertStatus.Escalated, StaffRole.Oncologist, true));
        Assert.Contains(TriageActionKind.Resolution, AvailableActs.For(AlertStatus.Open, StaffRole.Oncologist, true));
        Assert.DoesNotContain(TriageActionKind.Escalation, AvailableActs.For(AlertStatus.Open, StaffRole.Oncologist, true));
    }

    [Fact]
    public void A_resolved_alert_only_takes_a_correction_an_admin_nothing_and_a_missed_week_no_grade()
    {
        Assert.Equal([TriageActionKind.Correction], AvailableActs.For(AlertStatus.Resolved, StaffRole.Ide, true));
        Assert.Empty(AvailableActs.For(AlertStatus.Resolved, StaffRole.Ide, true, reportWithdrawn: true));
        Assert.Empty(AvailableActs.For(AlertStatus.Open, StaffRole.Admin, true));
        Assert.Empty(AvailableActs.For(AlertStatus.Open, null, true));
        Assert.DoesNotContain(TriageActionKind.GradeConfirmed, AvailableActs.For(AlertStatus.Open, StaffRole.Ide, canConfirmGrade: false));
    }

    [Fact]
    public void Claiming_is_for_a_nurse_on_an_open_alert_and_releasing_for_its_holder()
    {
        var me = Guid.CreateVersion7();

        Assert.True(AvailableActs.CanClaim(AlertStatus.Open, null, StaffRole.Ipa));
        Assert.False(AvailableActs.CanClaim(AlertStatus.Open, null, StaffRole.Oncologist));
        Assert.False(AvailableActs.CanClaim(AlertStatus.InProgress, Guid.CreateVersion7(), StaffRole.Ide));
        Assert.True(AvailableActs.CanRelease(AlertStatus.InProgress, me, me));
        Assert.False(AvailableActs.CanRelease(AlertStatus.InProgress, Guid.CreateVersion7(), me));
        Assert.False(AvailableActs.CanRelease(AlertStatus.Escalated, me, me));
    }

    [Fact]
    public void An_incomplete_form_names_what_is_missing_and_sends_nothing()
    {
        var form = new ActForm { Text = "  " };

        Assert.Equal(["Acts.Missing.CallOutcome"], form.Missing(TriageActionKind.PhoneCall));
        Assert.Equal(["Acts.Missing.DrugName", "Acts.Missing.Instructions"], form.Missing(TriageActionKind.MedicationSuggested));
        Assert.Equal(["Acts.Missing.Question", "Acts.Missing.Urgency"], form.Missing(TriageActionKind.Escalation));
        Assert.Equal(["Acts.Missing.Symptom", "Acts.Missing.Grade"], form.Missing(TriageActionKind.GradeConfirmed));
        form.Decision = OncologistDecisionKind.Other;
        form.Text = "Voir en consultation.";
        form.ResolveAlert = true;
        Assert.Equal(["Acts.Missing.Outcome"], form.Missing(TriageActionKind.OncologistDecision));
    }

    [Fact]
    public void A_complete_form_becomes_its_command_on_the_version_seen_with_text_trimmed()
    {
        var call = new ActForm { CallOutcome = PhoneCallOutcome.MessageLeft, Note = "  " }.ToCommand(TriageActionKind.PhoneCall, AlertId, Version, Paris);
        var escalation = new ActForm { Text = " Adapter la dose ? ", Urgency = EscalationUrgency.Urgent }
            .ToCommand(TriageActionKind.Escalation, AlertId, Version, Paris);
        var decision = new ActForm { Decision = OncologistDecisionKind.ContinueTreatment, Text = "Poursuivre.", Outcome = "Sans suite." }
            .ToCommand(TriageActionKind.OncologistDecision, AlertId, Version, Paris);

        Assert.Equal(new RecordPhoneCallCommand(AlertId, Version, PhoneCallOutcome.MessageLeft, null), call);
        Assert.Equal(new EscalateToOncologistCommand(AlertId, Version, "Adapter la dose ?", EscalationUrgency.Urgent), escalation);
        Assert.Equal(new RecordOncologistDecisionCommand(AlertId, Version, OncologistDecisionKind.ContinueTreatment, "Poursuivre.", false, null), decision);
    }

    [Fact]
    public void An_escalation_goes_to_the_oncologist_chosen_or_once_the_name_is_cleared_to_any_oncologist()
    {
        var oncologistId = Guid.CreateVersion7();
        var form = new ActForm { Text = "Adapter la dose ?", Urgency = EscalationUrgency.Routine };

        var toAnyone = Assert.IsType<EscalateToOncologistCommand>(form.ToCommand(TriageActionKind.Escalation, AlertId, Version, Paris));
        form.OncologistId = oncologistId;
        var named = Assert.IsType<EscalateToOncologistCommand>(form.ToCommand(TriageActionKind.Escalation, AlertId, Version, Paris));
        form.OncologistId = null;
        var backToAnyone = Assert.IsType<EscalateToOncologistCommand>(form.ToCommand(TriageActionKind.Escalation, AlertId, Version, Paris));

        Assert.Null(toAnyone.OncologistId);
        Assert.Equal(new EscalateToOncologistCommand(AlertId, Version, "Adapter la dose ?", EscalationUrgency.Routine, oncologistId), named);
        Assert.Null(backToAnyone.OncologistId);
    }

    [Fact]
    public void A_consultation_time_is_read_in_paris_time_and_sent_in_utc()
    {
        var form = new ActForm { ConsultationAt = new DateTime(2026, 7, 1, 9, 30, 0), With = "Hôpital de jour" };

        var command = Assert.IsType<ScheduleConsultationCommand>(form.ToCommand(TriageActionKind.ConsultationScheduled, AlertId, Version, Paris));

        Assert.Equal(new DateTime(2026, 7, 1, 7, 30, 0, DateTimeKind.Utc), command.ScheduledAt);
        Assert.Equal(DateTimeKind.Utc, command.ScheduledAt.Kind);
    }
}
