using System.Data.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Alerts;

/// <summary>The alert workflow through the real dispatcher: each act, its trace, its rules, and what is published.</summary>
public abstract class TriageCommandTests : IAsyncLifetime, IDisposable
{
    private readonly DatabaseFixture _fixture;
    private readonly RecordingAlertNotifier _notifier = new();
    private readonly ApplicationHost _host;
    private readonly Establishment _hospital = TestData.Establishment("Hôpital de Bellevue");
    private readonly Establishment _riverside = TestData.Establishment("Centre hospitalier de la Rivière");
    private readonly Questionnaire _questionnaire = TriageData.Questionnaire();
    private StaffMember _nurse = null!;
    private StaffMember _ipa = null!;
    private StaffMember _oncologist = null!;
    private StaffMember _riversideOncologist = null!;
    private StaffMember _riversideNurse = null!;
    private StaffMember _admin = null!;

    protected TriageCommandTests(DatabaseFixture fixture)
    {
        _fixture = fixture;
        _host = new ApplicationHost(fixture.Database, services => services.AddSingleton<IAlertNotifier>(_notifier));
    }

    public static TheoryData<string> CommandNames => new(Commands);

    /// <summary>Every triage command except the correction and the withdrawal, the only ones a resolved alert accepts.</summary>
    public static TheoryData<string> ActsRefusedOnAResolvedAlert => new(Commands.Where(c => c is not nameof(CorrectAlertReportCommand) and not nameof(WithdrawAlertReportCommand)));

    private static string[] Commands =>
    [
        nameof(ClaimAlertCommand), nameof(ReleaseAlertCommand), nameof(RecordPhoneCallCommand), nameof(RecordAdviceCommand),
        nameof(SuggestMedicationCommand), nameof(ConfirmCtcaeGradeCommand), nameof(ScheduleConsultationCommand),
        nameof(ReferToEmergencyCommand), nameof(EscalateToOncologistCommand), nameof(RecordOncologistDecisionCommand),
        nameof(ResolveAlertCommand), nameof(CorrectAlertReportCommand), nameof(WithdrawAlertReportCommand),
    ];

    public async Task InitializeAsync()
    {
        _nurse = TestData.Staff(StaffRole.Ide, "Claire MARTIN", _hospital);
        _ipa = TestData.Staff(StaffRole.Ipa, "Luc BERNARD", _hospital);
        _oncologist = TestData.Staff(StaffRole.Oncologist, "Dr Hélène PETIT", _hospital);
        _oncologist.Rpps = "10101010101";
        _riversideOncologist = TestData.Staff(StaffRole.Oncologist, "Dr Paul ROCHE", _riverside);
        _riversideNurse = TestData.Staff(StaffRole.Ide, "Nina RIVIÈRE", _riverside);
        _admin = TestData.Staff(StaffRole.Admin, "Adèle ADMIN", _hospital);
        await _host.InsertAsync(_hospital, _riverside, _questionnaire, _nurse, _ipa, _oncologist, _riversideOncologist, _riversideNurse, _admin);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Claiming_takes_the_alert_in_hand_and_traces_who_when_and_in_which_role()
    {
        var alert = await NewAlertAsync();

        var result = await SendAsync(_nurse, new ClaimAlertCommand(alert.Id, alert.Version));

        var (stored, actions, _) = await LoadAsync(alert.Id);
        Assert.Equal(AlertStatus.InProgress, stored.Status);
        Assert.Equal(_nurse.Id, stored.ClaimedById);
        Assert.Equal(_host.Now, stored.ClaimedAt);
        Assert.Null(stored.FirstActionAt);
        Assert.NotEqual(alert.Version, stored.Version);
        Assert.Equal(new AlertActionResult(alert.Id, stored.Version, AlertStatus.InProgress, actions.Single().Id, null), result);

        var claim = Assert.Single(actions);
        Assert.Equal(TriageActionKind.Claim, claim.Kind);
        Assert.Equal(_nurse.Id, claim.StaffMemberId);
        Assert.Equal("Claire MARTIN", claim.StaffName);
        Assert.Equal(StaffRole.Ide, claim.StaffRole);
        Assert.Equal(_host.Now, claim.At);
        Assert.Equal(alert.PatientId, claim.PatientId);
        Assert.Equal([new AlertChanged(alert.Id, _hospital.Id, AlertChangeKind.Claimed)], _notifier.For(alert.Id));

        var audit = Assert.Single(await _host.AuditEntriesAsync(e => e.TargetId == alert.Id.ToString() && e.Action == "alert.claim"));
        Assert.Equal(AuditOutcome.Success, audit.Outcome);
        Assert.Equal(alert.PatientId, audit.PatientId);
        Assert.Equal(_nurse.Id, audit.StaffMemberId);
    }

    [Fact]
    public async Task Claiming_an_alert_another_nurse_holds_is_refused_with_the_holders_name_and_writes_nothing()
    {
        var alert = await NewAlertAsync();
        var claimed = await SendAsync(_ipa, new ClaimAlertCommand(alert.Id, alert.Version));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(_nurse, new ClaimAlertCommand(alert.Id, claimed.Version)));

        Assert.Equal(ConflictKind.State, conflict.Kind);
        Assert.Contains("Luc BERNARD", conflict.Message, StringComparison.Ordinal);
        var (stored, actions, _) = await LoadAsync(alert.Id);
        Assert.Equal(_ipa.Id, stored.ClaimedById);
        Assert.Equal(claimed.Version, stored.Version);
        Assert.Single(actions);
        Assert.Single(_notifier.For(alert.Id));
    }

    [Fact]
    public async Task Claiming_an_alert_waiting_for_the_oncologist_is_refused()
    {
        var alert = await NewAlertAsync();
        var escalated = await SendAsync(_nurse, new EscalateToOncologistCommand(alert.Id, alert.Version, "Adapter ?", EscalationUrgency.Routine));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(_ipa, new ClaimAlertCommand(alert.Id, escalated.Version)));

        Assert.Equal(ConflictKind.State, conflict.Kind);
        Assert.Contains("oncologist", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Releasing_reopens_the_alert_and_only_its_holder_may_release_it()
    {
        var alert = await NewAlertAsync();
        var claimed = await SendAsync(_nurse, new ClaimAlertCommand(alert.Id, alert.Version));

        var refused = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(_ipa, new ReleaseAlertCommand(alert.Id, claimed.Version)));
        var released = await SendAsync(_nurse, new ReleaseAlertCommand(alert.Id, claimed.Version));

        Assert.Equal(ConflictKind.State, refused.Kind);
        var (stored, actions, _) = await LoadAsync(alert.Id);
        Assert.Equal(AlertStatus.Open, stored.Status);
        Assert.Null(stored.ClaimedById);
        Assert.Null(stored.ClaimedAt);
        Assert.Equal(released.Version, stored.Version);
        Assert.Equal([TriageActionKind.Claim, TriageActionKind.Release], actions.Select(a => a.Kind));
        Assert.Equal([AlertChangeKind.Claimed, AlertChangeKind.Released], _notifier.For(alert.Id).Select(c => c.Kind));
    }

    [Fact]
    public async Task Each_act_is_recorded_with_its_structured_details_and_the_first_one_sets_the_first_action_time()
    {
        var alert = await NewAlertAsync();
        var claimed = await SendAsync(_nurse, new ClaimAlertCommand(alert.Id, alert.Version));
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        var firstAt = _host.Now;
        var version = (await SendAsync(_nurse, new RecordPhoneCallCommand(alert.Id, claimed.Version, PhoneCallOutcome.MessageLeft, "Messagerie."))).Version;
        _host.Clock.Advance(TimeSpan.FromMinutes(20));
        version = (await SendAsync(_nurse, new RecordPhoneCallCommand(alert.Id, version, PhoneCallOutcome.Reached, null))).Version;
        version = (await SendAsync(_nurse, new RecordAdviceCommand(alert.Id, version, "  Fractionner les repas.  "))).Version;
        version = (await SendAsync(_nurse, new SuggestMedicationCommand(alert.Id, version, "Métoclopramide", "10 mg avant les repas, 3 jours."))).Version;
        version = (await SendAsync(_nurse, new ConfirmCtcaeGradeCommand(alert.Id, version, "nausea", 2, "Mange peu mais boit."))).Version;
        var consultationAt = _host.Now.AddDays(2);
        version = (await SendAsync(_ipa, new ScheduleConsultationCommand(alert.Id, version, consultationAt, "Dr Hélène PETIT", null))).Version;
        var last = await SendAsync(_oncologist, new ReferToEmergencyCommand(alert.Id, version, "Déshydratation.", "Appel au 15."));

        var (stored, all, _) = await LoadAsync(alert.Id);
        Assert.Equal(firstAt, stored.FirstActionAt);
        Assert.Equal(AlertStatus.InProgress, stored.Status);
        Assert.Equal(last.Version, stored.Version);
        Assert.Equal(TriageActionKind.Claim, all[0].Kind);
        var actions = all.Skip(1).ToList();
        Assert.Equal(
            [TriageActionKind.PhoneCall, TriageActionKind.PhoneCall, TriageActionKind.Advice, TriageActionKind.MedicationSuggested,
                TriageActionKind.GradeConfirmed, TriageActionKind.ConsultationScheduled, TriageActionKind.EmergencyReferral],
            actions.Select(a => a.Kind));

        Assert.Equal(new PhoneCallDetails(PhoneCallOutcome.MessageLeft), TriageActionDetails.Read<PhoneCallDetails>(actions[0]));
        Assert.Equal("{\"outcome\":\"message_left\"}", actions[0].Details);
        Assert.Equal("Messagerie.", actions[0].Note);
        Assert.Equal(new PhoneCallDetails(PhoneCallOutcome.Reached), TriageActionDetails.Read<PhoneCallDetails>(actions[1]));
        Assert.Null(actions[1].Note);
        Assert.Equal("Fractionner les repas.", actions[2].Note);
        Assert.Null(actions[2].Details);
        Assert.Equal(new MedicationSuggestionDetails("Métoclopramide"), TriageActionDetails.Read<MedicationSuggestionDetails>(actions[3]));
        Assert.Equal("10 mg avant les repas, 3 jours.", actions[3].Note);
        Assert.Equal(new GradeConfirmationDetails("nausea", 2, 3), TriageActionDetails.Read<GradeConfirmationDetails>(actions[4]));
        Assert.Equal(new ConsultationDetails(consultationAt, "Dr Hélène PETIT"), TriageActionDetails.Read<ConsultationDetails>(actions[5]));
        Assert.Equal((StaffRole.Ipa, "Luc BERNARD"), (actions[5].StaffRole, actions[5].StaffName));
        Assert.Equal(new EmergencyReferralDetails("Déshydratation."), TriageActionDetails.Read<EmergencyReferralDetails>(actions[6]));
        Assert.Equal(StaffRole.Oncologist, actions[6].StaffRole);

        var changes = _notifier.For(alert.Id);
        Assert.Equal(AlertChangeKind.Claimed, changes[0].Kind);
        Assert.Equal(7, changes.Count(c => c.Kind == AlertChangeKind.ActionRecorded));
        Assert.Equal(8, changes.Count);
    }

    [Fact]
    public async Task Confirming_a_grade_is_only_for_a_symptom_of_the_alert_and_only_from_1_to_5()
    {
        var alert = await NewAlertAsync();

        var notAFinding = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SendAsync(_nurse, new ConfirmCtcaeGradeCommand(alert.Id, alert.Version, "cough", 2, null)));
        var outOfRange = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SendAsync(_nurse, new ConfirmCtcaeGradeCommand(alert.Id, alert.Version, "nausea", 6, null)));

        Assert.Equal(["ItemKey"], notAFinding.Errors.Keys);
        Assert.Equal(["Grade"], outOfRange.Errors.Keys);
        Assert.Empty((await LoadAsync(alert.Id)).Actions);
        Assert.Empty(_notifier.For(alert.Id));
    }

    [Fact]
    public async Task Free_texts_are_required_where_they_are_the_act_and_a_consultation_is_booked_ahead()
    {
        var alert = await NewAlertAsync();

        var advice = await Assert.ThrowsAsync<ValidationFailedException>(() => SendAsync(_nurse, new RecordAdviceCommand(alert.Id, alert.Version, " ")));
        var consultation = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SendAsync(_nurse, new ScheduleConsultationCommand(alert.Id, alert.Version, _host.Now.AddHours(-1), "", null)));
        var outcome = await Assert.ThrowsAsync<ValidationFailedException>(() => SendAsync(_nurse, new ResolveAlertCommand(alert.Id, alert.Version, "")));

        Assert.Equal(["Advice"], advice.Errors.Keys);
        Assert.Equal(["ScheduledAt", "With"], consultation.Errors.Keys.Order());
        Assert.Equal(["Outcome"], outcome.Errors.Keys);
        Assert.Empty((await LoadAsync(alert.Id)).Actions);
    }

    [Fact]
    public async Task Escalation_waits_for_the_oncologist_named_with_the_question_and_its_urgency()
    {
        var alert = await NewAlertAsync();
        var claimed = await SendAsync(_nurse, new ClaimAlertCommand(alert.Id, alert.Version));

        var result = await SendAsync(_nurse, new EscalateToOncologistCommand(
            alert.Id, claimed.Version, " Suspendre la capécitabine ? ", EscalationUrgency.Urgent, _oncologist.Id));

        var (stored, actions, _) = await LoadAsync(alert.Id);
        Assert.Equal(AlertStatus.Escalated, stored.Status);
        Assert.Equal(AlertStatus.Escalated, result.Status);
        Assert.Equal(_nurse.Id, stored.ClaimedById);
        var escalation = actions.Last();
        Assert.Equal(TriageActionKind.Escalation, escalation.Kind);
        Assert.Equal("Suspendre la capécitabine ?", escalation.Note);
        Assert.Equal(
            new EscalationDetails("Suspendre la capécitabine ?", EscalationUrgency.Urgent, _oncologist.Id, "Dr Hélène PETIT"),
            TriageActionDetails.Read<EscalationDetails>(escalation));
        Assert.Equal(AlertChangeKind.Escalated, _notifier.For(alert.Id)[^1].Kind);

        var again = await Assert.ThrowsAsync<ConflictException>(() =>
            SendAsync(_ipa, new EscalateToOncologistCommand(alert.Id, result.Version, "Encore ?", EscalationUrgency.Routine)));
        Assert.Equal(ConflictKind.State, again.Kind);
    }

    [Fact]
    public async Task Escalating_to_an_oncologist_of_another_establishment_or_to_a_nurse_is_invalid()
    {
        var alert = await NewAlertAsync();

        var elsewhere = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SendAsync(_nurse, new EscalateToOncologistCommand(alert.Id, alert.Version, "Avis ?", EscalationUrgency.Routine, _riversideOncologist.Id)));
        var notAnOncologist = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SendAsync(_nurse, new EscalateToOncologistCommand(alert.Id, alert.Version, "Avis ?", EscalationUrgency.Routine, _ipa.Id)));

        Assert.Equal(["OncologistId"], elsewhere.Errors.Keys);
        Assert.Equal(["OncologistId"], notAnOncologist.Errors.Keys);
        Assert.Equal(AlertStatus.Open, (await LoadAsync(alert.Id)).Alert.Status);
    }

    [Fact]
    public async Task The_oncologists_decision_sends_the_alert_back_to_the_nurse_who_holds_it_or_to_the_queue()
    {
        var held = await NewAlertAsync();
        var claimed = await SendAsync(_nurse, new ClaimAlertCommand(held.Id, held.Version));
        var heldEscalated = await SendAsync(_nurse, new EscalateToOncologistCommand(held.Id, claimed.Version, "Avis ?", EscalationUrgency.Routine));
        var free = await NewAlertAsync();
        var freeEscalated = await SendAsync(_ipa, new EscalateToOncologistCommand(free.Id, free.Version, "Avis ?", EscalationUrgency.Urgent));

        var backToHolder = await SendAsync(_oncologist, new RecordOncologistDecisionCommand(
            held.Id, heldEscalated.Version, OncologistDecisionKind.AdjustOrHoldTreatment, "Suspendre une semaine."));
        var backToQueue = await SendAsync(_oncologist, new RecordOncologistDecisionCommand(
            free.Id, freeEscalated.Version, OncologistDecisionKind.ContinueTreatment, "Poursuivre."));

        Assert.Equal(AlertStatus.InProgress, backToHolder.Status);
        Assert.Equal(AlertStatus.Open, backToQueue.Status);
        var (stored, actions, reports) = await LoadAsync(held.Id);
        Assert.Equal(_nurse.Id, stored.ClaimedById);
        Assert.Empty(reports);
        var decision = actions.Last();
        Assert.Equal((TriageActionKind.OncologistDecision, StaffRole.Oncologist, "Suspendre une semaine."), (decision.Kind, decision.StaffRole, decision.Note));
        Assert.Equal(
            new OncologistDecisionDetails(OncologistDecisionKind.AdjustOrHoldTreatment, false),
            TriageActionDetails.Read<OncologistDecisionDetails>(decision));
        Assert.Equal(AlertChangeKind.Decided, _notifier.For(held.Id)[^1].Kind);
    }

    [Fact]
    public async Task The_oncologist_may_decide_and_resolve_at_once_which_writes_the_report()
    {
        var alert = await NewAlertAsync();
        var escalated = await SendAsync(_nurse, new EscalateToOncologistCommand(alert.Id, alert.Version, "Hospitaliser ?", EscalationUrgency.Urgent));
        _host.Clock.Advance(TimeSpan.FromHours(1));

        var result = await SendAsync(_oncologist, new RecordOncologistDecisionCommand(
            alert.Id, escalated.Version, OncologistDecisionKind.HospitalAdmission, "Admission en HDJ demain.", ResolveAlert: true,
            Outcome: "Hospitalisation programmée."));

        var (stored, actions, reports) = await LoadAsync(alert.Id);
        Assert.Equal(AlertStatus.Resolved, stored.Status);
        Assert.Equal(_host.Now, stored.ResolvedAt);
        Assert.Equal(1, result.ReportVersion);
        Assert.Equal(
            [TriageActionKind.Escalation, TriageActionKind.OncologistDecision, TriageActionKind.Resolution],
            actions.Select(a => a.Kind));
        Assert.Equal(result.ActionId, actions[2].Id);
        var report = Assert.Single(reports);
        var content = AlertReportContent.FromJson(report.Content);
        Assert.Equal("Hospitalisation programmée.", content.Outcome);
        Assert.Equal(3, content.Actions.Count);
        Assert.Equal([AlertChangeKind.Escalated, AlertChangeKind.Resolved], _notifier.For(alert.Id).Select(c => c.Kind));
    }

    [Fact]
    public async Task Deciding_on_an_alert_that_waits_for_no_decision_is_a_state_conflict()
    {
        var alert = await NewAlertAsync();

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(_oncologist, new RecordOncologistDecisionCommand(
            alert.Id, alert.Version, OncologistDecisionKind.ContinueTreatment, "Poursuivre.")));

        Assert.Equal(ConflictKind.State, conflict.Kind);
        Assert.Empty((await LoadAsync(alert.Id)).Actions);
        Assert.Empty(_notifier.For(alert.Id));
    }

    [Fact]
    public async Task A_nurse_cannot_resolve_an_alert_waiting_for_the_oncologist_but_the_oncologist_can()
    {
        var alert = await NewAlertAsync();
        var escalated = await SendAsync(_nurse, new EscalateToOncologistCommand(alert.Id, alert.Version, "Avis ?", EscalationUrgency.Routine));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(_ipa, new ResolveAlertCommand(alert.Id, escalated.Version, "Réglé.")));
        var resolved = await SendAsync(_oncologist, new ResolveAlertCommand(alert.Id, escalated.Version, "Pas de modification du traitement."));

        Assert.Equal(ConflictKind.State, conflict.Kind);
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
    }

    [Fact]
    public async Task Resolution_writes_version_1_of_the_report_of_the_act()
    {
        var alert = await NewAlertAsync();
        var version = (await SendAsync(_nurse, new ClaimAlertCommand(alert.Id, alert.Version))).Version;
        version = (await SendAsync(_nurse, new RecordPhoneCallCommand(alert.Id, version, PhoneCallOutcome.Reached, "Nausées depuis la cure."))).Version;
        version = (await SendAsync(_nurse, new RecordAdviceCommand(alert.Id, version, "Fractionner les repas."))).Version;
        version = (await SendAsync(_nurse, new ConfirmCtcaeGradeCommand(alert.Id, version, "nausea", 2, null))).Version;
        version = (await SendAsync(_nurse, new EscalateToOncologistCommand(alert.Id, version, "Antiémétique ?", EscalationUrgency.Routine))).Version;
        version = (await SendAsync(_oncologist, new RecordOncologistDecisionCommand(
            alert.Id, version, OncologistDecisionKind.ContinueTreatment, "Ajouter un antiémétique."))).Version;
        _host.Clock.Advance(TimeSpan.FromMinutes(30));

        var result = await SendAsync(_nurse, new ResolveAlertCommand(alert.Id, version, "Nausées contrôlées, rappel dans 48 h."));

        var (stored, actions, reports) = await LoadAsync(alert.Id);
        Assert.Equal(AlertStatus.Resolved, stored.Status);
        Assert.Equal(_host.Now, stored.ResolvedAt);
        Assert.Equal(1, result.ReportVersion);
        var resolution = actions.Last();
        Assert.Equal(TriageActionKind.Resolution, resolution.Kind);
        Assert.Equal(new ResolutionDetails("Nausées contrôlées, rappel dans 48 h.", 1), TriageActionDetails.Read<ResolutionDetails>(resolution));

        var report = Assert.Single(reports);
        Assert.Equal((alert.Id, alert.PatientId, _hospital.Id, 1), (report.AlertId, report.PatientId, report.EstablishmentId, report.VersionNumber));
        Assert.Equal((_host.Now, _nurse.Id, "Claire MARTIN", StaffRole.Ide), (report.CreatedAt, report.CreatedById, report.CreatedByName, report.CreatedByRole));
        Assert.Null(report.CorrectionNote);

        var content = AlertReportContent.FromJson(report.Content);
        Assert.Equal(actions.Select(a => a.Id), content.Actions.Select(a => a.ActionId));
        var nausea = Assert.Single(content.Findings, f => f.ItemKey == "nausea");
        Assert.Equal((3, 2), (nausea.Grade, nausea.ConfirmedCtcaeGrade));
        Assert.Equal("Grade 3 (sévère) : Nausées — fréquence 3, intensité 3", nausea.Explanation);
        Assert.Equal(["nausea", "diarrhea", "fatigue"], content.Symptoms.Select(s => s.ItemKey));
        Assert.Equal((1, 2), (content.Symptoms[1].CompositeGrade, content.Symptoms[1].Frequency));
        Assert.Equal(["Claire MARTIN", "Dr Hélène PETIT"], content.Professionals.Select(p => p.Name));
        Assert.Equal("10101010101", content.Professionals[1].Rpps);
        Assert.Equal(["Fractionner les repas."], content.Advice.Select(a => a.Text));
        Assert.Equal("Nausées contrôlées, rappel dans 48 h.", content.Outcome);

        Assert.StartsWith("COMPTE RENDU DE TÉLÉSURVEILLANCE MÉDICALE\n", report.Text, StringComparison.Ordinal);
        Assert.Contains("Patient : DUPONT Marie, née le 11/03/1960", report.Text, StringComparison.Ordinal);
        Assert.Contains("- Grade 3 (sévère) : Nausées — fréquence 3, intensité 3 ; grade CTCAE confirmé : 2 (modéré)", report.Text, StringComparison.Ordinal);
        Assert.Contains("Claire MARTIN (IDE) : Appel téléphonique : patient joint. « Nausées depuis la cure. »", report.Text, StringComparison.Ordinal);
        Assert.Contains("Dr Hélène PETIT (Oncologue) : Décision de l'oncologue : poursuite du traitement", report.Text, StringComparison.Ordinal);
        Assert.Contains("par Claire MARTIN (IDE) : Nausées contrôlées, rappel dans 48 h.", report.Text, StringComparison.Ordinal);
        Assert.Contains("- Dr Hélène PETIT, Oncologue, RPPS 10101010101", report.Text, StringComparison.Ordinal);
        Assert.Equal(AlertChangeKind.Resolved, _notifier.For(alert.Id)[^1].Kind);
    }

    [Fact]
    public async Task A_missed_week_alert_resolves_with_a_report_that_says_no_answer_came()
    {
        var patient = TestData.Patient("MOREAU", "Paul", new DateOnly(1950, 5, 5), _hospital);
        patient.Sex = Domain.Patients.Sex.Male;
        var enrollment = TestData.Enrollment(patient, _hospital);
        var alert = new Alert
        {
            PatientId = patient.Id,
            EnrollmentId = enrollment.Id,
            EstablishmentId = _hospital.Id,
            Kind = AlertKind.NonResponder,
            Priority = AlertPriority.Low,
            Status = AlertStatus.Open,
            RaisedAt = _host.Now.AddDays(-1),
            SlaDueAt = _host.Now.AddDays(2),
            WeekDueDate = new DateOnly(2026, 3, 2),
            RulesVersion = "rules-test",
            Findings = [new AlertFinding { Rule = AlertRule.MissedQuestionnaire, Priority = AlertPriority.Low }],
        };
        await _host.InsertAsync(patient, enrollment, alert);
        var version = (await SendAsync(_nurse, new RecordPhoneCallCommand(alert.Id, alert.Version, PhoneCallOutcome.Reached, "Oubli, va bien."))).Version;

        await SendAsync(_nurse, new ResolveAlertCommand(alert.Id, version, "Questionnaire oublié, pas de symptôme."));

        var report = Assert.Single((await LoadAsync(alert.Id)).Reports);
        var content = AlertReportContent.FromJson(report.Content);
        Assert.Empty(content.Symptoms);
        Assert.Null(content.Alert.SubmittedAt);
        Assert.Equal("Questionnaire dû le 02/03/2026 sans réponse", Assert.Single(content.Findings).Explanation);
        Assert.Contains("Patient : MOREAU Paul, né le 05/05/1950", report.Text, StringComparison.Ordinal);
        Assert.Contains("Questionnaire de la semaine du 02/03/2026 : pas de réponse", report.Text, StringComparison.Ordinal);
        Assert.Contains("- Questionnaire dû le 02/03/2026 sans réponse", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_after_resolution_writes_version_2_and_leaves_version_1_as_it_was()
    {
        var alert = await NewAlertAsync();
        var resolved = await SendAsync(_nurse, new ResolveAlertCommand(alert.Id, alert.Version, "Conseils donnés."));
        var (_, _, before) = await LoadAsync(alert.Id);
        _host.Clock.Advance(TimeSpan.FromDays(1));

        var corrected = await SendAsync(_oncologist, new CorrectAlertReportCommand(alert.Id, resolved.Version, "  Le patient a rappelé : nausées résolues.  "));

        var (stored, actions, reports) = await LoadAsync(alert.Id);
        Assert.Equal(AlertStatus.Resolved, stored.Status);
        Assert.Equal(2, corrected.ReportVersion);
        Assert.Equal([1, 2], reports.Select(r => r.VersionNumber));
        var first = Assert.Single(before);
        Assert.Equal((first.Id, first.Text, first.Content, first.CreatedAt), (reports[0].Id, reports[0].Text, reports[0].Content, reports[0].CreatedAt));

        var second = reports[1];
        Assert.True(second.IsCorrection);
        Assert.Equal("Le patient a rappelé : nausées résolues.", second.CorrectionNote);
        Assert.Equal((_oncologist.Id, StaffRole.Oncologist, _host.Now), (second.CreatedById, second.CreatedByRole, second.CreatedAt));
        Assert.Contains("version 2, corrige la version 1", second.Text, StringComparison.Ordinal);
        Assert.Contains("Complément (version 2) : Le patient a rappelé : nausées résolues.", second.Text, StringComparison.Ordinal);
        var content = AlertReportContent.FromJson(second.Content);
        Assert.Equal([TriageActionKind.Resolution, TriageActionKind.Correction], content.Actions.Select(a => a.Kind));
        Assert.Equal("Conseils donnés.", content.Outcome);
        Assert.Equal(new CorrectionDetails(2), TriageActionDetails.Read<CorrectionDetails>(actions.Last()));
        Assert.Equal([AlertChangeKind.Resolved, AlertChangeKind.ReportCorrected], _notifier.For(alert.Id).Select(c => c.Kind));
    }

    [Fact]
    public async Task A_withdrawal_writes_a_last_version_that_says_why_and_leaves_the_earlier_ones_as_they_were()
    {
        var alert = await NewAlertAsync();
        var resolved = await SendAsync(_nurse, new ResolveAlertCommand(alert.Id, alert.Version, "Conseils donnés."));
        var corrected = await SendAsync(_nurse, new CorrectAlertReportCommand(alert.Id, resolved.Version, "Rappel le lendemain."));
        var (_, _, before) = await LoadAsync(alert.Id);
        _host.Clock.Advance(TimeSpan.FromHours(2));

        var withdrawn = await SendAsync(_oncologist, new WithdrawAlertReportCommand(alert.Id, corrected.Version, "  Compte rendu écrit pour un autre patient.  "));

        var (stored, actions, reports) = await LoadAsync(alert.Id);
        Assert.Equal(AlertStatus.Resolved, stored.Status);
        Assert.Equal((3, stored.Version), (withdrawn.ReportVersion, withdrawn.Version));
        Assert.Equal([1, 2, 3], reports.Select(r => r.VersionNumber));
        Assert.Equal(before.Select(r => (r.Id, r.Text, r.Content)), reports.Take(2).Select(r => (r.Id, r.Text, r.Content)));

        var last = reports[2];
        Assert.True(last.IsWithdrawal);
        Assert.False(last.IsCorrection);
        Assert.Null(last.CorrectionNote);
        Assert.Equal("Compte rendu écrit pour un autre patient.", last.WithdrawalReason);
        Assert.Equal((_oncologist.Id, StaffRole.Oncologist, _host.Now), (last.CreatedById, last.CreatedByRole, last.CreatedAt));
        Assert.StartsWith("COMPTE RENDU DE TÉLÉSURVEILLANCE MÉDICALE RETIRÉ — version 3, retire la version 2\n", last.Text, StringComparison.Ordinal);
        Assert.Contains("(version 3) : Compte rendu écrit pour un autre patient.", last.Text, StringComparison.Ordinal);
        Assert.Equal("Compte rendu écrit pour un autre patient.", AlertReportContent.FromJson(last.Content).Withdrawal);

        var action = actions[^1];
        Assert.Equal((TriageActionKind.Withdrawal, "Compte rendu écrit pour un autre patient.", _oncologist.Id), (action.Kind, action.Note, action.StaffMemberId));
        Assert.Equal(new WithdrawalDetails(2, 3), TriageActionDetails.Read<WithdrawalDetails>(action));
        Assert.Equal(withdrawn.ActionId, action.Id);
        Assert.Equal(AlertChangeKind.ReportWithdrawn, _notifier.For(alert.Id)[^1].Kind);
        var audit = Assert.Single(await _host.AuditEntriesAsync(e => e.TargetId == alert.Id.ToString() && e.Action == "alert.report.withdraw"));
        Assert.Equal((AuditOutcome.Success, _oncologist.Id), (audit.Outcome, audit.StaffMemberId));
    }

    [Fact]
    public async Task A_withdrawn_report_takes_no_further_correction_nor_withdrawal()
    {
        var alert = await NewAlertAsync();
        var resolved = await SendAsync(_nurse, new ResolveAlertCommand(alert.Id, alert.Version, "Clos."));
        var withdrawn = await SendAsync(_ipa, new WithdrawAlertReportCommand(alert.Id, resolved.Version, "Acte non réalisé."));

        var again = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(_nurse, new WithdrawAlertReportCommand(alert.Id, withdrawn.Version, "Encore.")));
        var correction = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(_nurse, new CorrectAlertReportCommand(alert.Id, withdrawn.Version, "Ajout.")));

        Assert.Equal((ConflictKind.State, ConflictKind.State), (again.Kind, correction.Kind));
        Assert.Contains("already withdrawn", again.Message, StringComparison.Ordinal);
        Assert.Contains("was withdrawn", correction.Message, StringComparison.Ordinal);
        var (stored, actions, reports) = await LoadAsync(alert.Id);
        Assert.Equal(withdrawn.Version, stored.Version);
        Assert.Equal([TriageActionKind.Resolution, TriageActionKind.Withdrawal], actions.Select(a => a.Kind));
        Assert.Equal([1, 2], reports.Select(r => r.VersionNumber));
    }

    [Fact]
    public async Task Withdrawing_needs_a_resolved_alert_and_a_reason()
    {
        var alert = await NewAlertAsync();

        var unresolved = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(_nurse, new WithdrawAlertReportCommand(alert.Id, alert.Version, "Erreur.")));
        var blank = await Assert.ThrowsAsync<ValidationFailedException>(() => SendAsync(_nurse, new WithdrawAlertReportCommand(alert.Id, alert.Version, "  ")));
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SendAsync(_nurse, new WithdrawAlertReportCommand(alert.Id, alert.Version, new string('x', 4001))));

        Assert.Equal(ConflictKind.State, unresolved.Kind);
        Assert.Contains("Only the report of a resolved alert can be withdrawn", unresolved.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(WithdrawAlertReportCommand.Reason), blank.Errors.Keys);
        Assert.Contains(nameof(WithdrawAlertReportCommand.Reason), tooLong.Errors.Keys);
        var (stored, actions, reports) = await LoadAsync(alert.Id);
        Assert.Equal(alert.Version, stored.Version);
        Assert.Empty(actions);
        Assert.Empty(reports);
    }

    [Theory]
    [MemberData(nameof(ActsRefusedOnAResolvedAlert))]
    public async Task A_resolved_alert_accepts_no_act_but_a_correction_and_nothing_is_written(string command)
    {
        var alert = await NewAlertAsync();
        var resolved = await SendAsync(_oncologist, new ResolveAlertCommand(alert.Id, alert.Version, "Clos."));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => SendCommandAsync(command, alert.Id, resolved.Version));

        Assert.Equal(ConflictKind.State, conflict.Kind);
        var (stored, actions, reports) = await LoadAsync(alert.Id);
        Assert.Equal(resolved.Version, stored.Version);
        Assert.Single(actions);
        Assert.Single(reports);
        Assert.Single(_notifier.For(alert.Id));
    }

    [Fact]
    public async Task Correcting_the_report_of_an_unresolved_alert_is_a_state_conflict()
    {
        var alert = await NewAlertAsync();

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => SendAsync(_nurse, new CorrectAlertReportCommand(alert.Id, alert.Version, "Ajout.")));

        Assert.Equal(ConflictKind.State, conflict.Kind);
        Assert.Empty((await LoadAsync(alert.Id)).Reports);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task Every_command_refuses_a_stale_version_with_a_clear_message_and_writes_nothing(string command)
    {
        var alert = await NewAlertAsync();
        var seen = alert.Version;
        var moved = await SendAsync(_ipa, new RecordAdviceCommand(alert.Id, seen, "Boire."));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => SendCommandAsync(command, alert.Id, seen));

        Assert.Equal(ConflictKind.Concurrency, conflict.Kind);
        Assert.Equal("The alert was changed by someone else in the meantime. Reload it and try again.", conflict.Message);
        var (stored, actions, reports) = await LoadAsync(alert.Id);
        Assert.Equal(moved.Version, stored.Version);
        Assert.Equal([TriageActionKind.Advice], actions.Select(a => a.Kind));
        Assert.Empty(reports);
        Assert.Single(_notifier.For(alert.Id));
    }

    [Fact]
    public async Task A_change_saved_by_someone_else_between_reading_and_saving_is_a_concurrency_conflict()
    {
        var alert = await NewAlertAsync();
        var racer = new ConcurrentWriter(_fixture.Database, alert.Id);
        using var host = HostWith(racer);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            host.SendAsync(TestData.UserFor(_nurse), new ResolveAlertCommand(alert.Id, alert.Version, "Clos.")));

        Assert.Equal(ConflictKind.Concurrency, conflict.Kind);
        Assert.Equal(1, racer.Writes);
        var (stored, actions, reports) = await LoadAsync(alert.Id);
        Assert.Equal(racer.Version, stored.Version);
        Assert.Equal(AlertStatus.Open, stored.Status);
        Assert.Empty(actions);
        Assert.Empty(reports);
        Assert.Empty(_notifier.For(alert.Id));
    }

    [Fact]
    public async Task The_loser_of_a_resolution_race_is_told_a_colleague_resolved_it_first_and_it_is_audited_as_a_conflict()
    {
        var alert = await NewAlertAsync();
        var racer = new ConcurrentResolver(_host, TestData.UserFor(_ipa), alert.Id, alert.Version);
        using var host = HostWith(racer);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() =>
            host.SendAsync(TestData.UserFor(_nurse), new ResolveAlertCommand(alert.Id, alert.Version, "Clos.")));

        Assert.True(racer.Resolved);
        Assert.Equal(ConflictKind.State, conflict.Kind);
        Assert.Equal("Un collègue a clôturé cette alerte avant vous. / A colleague resolved this alert first.", conflict.Message);
        var (stored, actions, reports) = await LoadAsync(alert.Id);
        Assert.Equal(AlertStatus.Resolved, stored.Status);
        Assert.Single(reports);
        Assert.Equal([TriageActionKind.Resolution], actions.Select(a => a.Kind));
        var entry = Assert.Single(await _host.AuditEntriesAsync(e => e.TargetId == alert.Id.ToString() && e.Action == "alert.resolve" && e.Outcome == AuditOutcome.Failed));
        Assert.StartsWith("Conflict: State", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_nurses_claiming_the_same_alert_at_once_exactly_one_wins()
    {
        for (var round = 0; round < 5; round++)
        {
            var alert = await NewAlertAsync();

            var attempts = await Task.WhenAll(
                Attempt(_nurse, new ClaimAlertCommand(alert.Id, alert.Version)),
                Attempt(_ipa, new ClaimAlertCommand(alert.Id, alert.Version)));

            var winner = Assert.Single(attempts, a => a.Result is not null);
            var loser = Assert.Single(attempts, a => a.Error is not null);
            Assert.Equal(ConflictKind.Concurrency, Assert.IsType<ConflictException>(loser.Error).Kind);
            var (stored, actions, _) = await LoadAsync(alert.Id);
            var claim = Assert.Single(actions);
            Assert.Equal(winner.Who.Id, stored.ClaimedById);
            Assert.Equal(winner.Who.Id, claim.StaffMemberId);
            Assert.Equal(winner.Result!.Version, stored.Version);
            Assert.Equal([AlertChangeKind.Claimed], _notifier.For(alert.Id).Select(c => c.Kind));
        }

        async Task<(StaffMember Who, AlertActionResult? Result, Exception? Error)> Attempt(StaffMember who, ClaimAlertCommand command)
        {
            await Task.Yield();
            try
            {
                return (who, await SendAsync(who, command), null);
            }
            catch (ConflictException conflict)
            {
                return (who, null, conflict);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task A_clinician_of_another_establishment_gets_not_found_and_nothing_is_written(string command)
    {
        var alert = await NewAlertAsync();
        var outsider = command == nameof(RecordOncologistDecisionCommand) ? _riversideOncologist : _riversideNurse;

        await Assert.ThrowsAnyAsync<NotFoundException>(() => SendCommandAsync(command, alert.Id, alert.Version, outsider));

        var (stored, actions, _) = await LoadAsync(alert.Id);
        Assert.Equal(alert.Version, stored.Version);
        Assert.Empty(actions);
        Assert.Empty(_notifier.For(alert.Id));
        var denied = Assert.Single(await _host.AuditEntriesAsync(e => e.TargetId == alert.Id.ToString()));
        Assert.Equal(AuditOutcome.Denied, denied.Outcome);
    }

    [Theory]
    [InlineData(nameof(ClaimAlertCommand), StaffRole.Oncologist)]
    [InlineData(nameof(ReleaseAlertCommand), StaffRole.Oncologist)]
    [InlineData(nameof(EscalateToOncologistCommand), StaffRole.Oncologist)]
    [InlineData(nameof(RecordOncologistDecisionCommand), StaffRole.Ide)]
    [InlineData(nameof(RecordOncologistDecisionCommand), StaffRole.Ipa)]
    [InlineData(nameof(RecordPhoneCallCommand), StaffRole.Admin)]
    [InlineData(nameof(ResolveAlertCommand), StaffRole.Admin)]
    [InlineData(nameof(CorrectAlertReportCommand), StaffRole.Admin)]
    public async Task A_role_the_act_is_not_for_is_refused(string command, StaffRole role)
    {
        var alert = await NewAlertAsync();
        var member = role switch
        {
            StaffRole.Ide => _nurse,
            StaffRole.Ipa => _ipa,
            StaffRole.Oncologist => _oncologist,
            _ => _admin,
        };

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => SendCommandAsync(command, alert.Id, alert.Version, member));

        Assert.Empty((await LoadAsync(alert.Id)).Actions);
        Assert.Empty(_notifier.For(alert.Id));
    }

    [Fact]
    public async Task A_failure_while_writing_the_report_saves_nothing_of_the_resolution()
    {
        var alert = await NewAlertAsync();
        var claimed = await SendAsync(_nurse, new ClaimAlertCommand(alert.Id, alert.Version));
        var failure = new FailingReportInsert();
        using var host = HostWith(failure);

        await Assert.ThrowsAsync<DbUpdateException>(() =>
            host.SendAsync(TestData.UserFor(_nurse), new ResolveAlertCommand(alert.Id, claimed.Version, "Clos.")));

        Assert.True(failure.Failed);
        var (stored, actions, reports) = await LoadAsync(alert.Id);
        Assert.Equal((AlertStatus.InProgress, claimed.Version), (stored.Status, stored.Version));
        Assert.Null(stored.ResolvedAt);
        Assert.Equal([TriageActionKind.Claim], actions.Select(a => a.Kind));
        Assert.Empty(reports);
        Assert.Equal([AlertChangeKind.Claimed], _notifier.For(alert.Id).Select(c => c.Kind));
        var failed = Assert.Single(await _host.AuditEntriesAsync(e => e.TargetId == alert.Id.ToString() && e.Action == "alert.resolve"));
        Assert.Equal(AuditOutcome.Failed, failed.Outcome);
    }

    /// <summary>Sends a command by name, as a user allowed to send it (or as <paramref name="as"/>).</summary>
    private Task<AlertActionResult> SendCommandAsync(string command, Guid alertId, Guid version, StaffMember? @as = null)
    {
        var nurse = @as ?? _nurse;
        var oncologist = @as ?? _oncologist;
        return command switch
        {
            nameof(ClaimAlertCommand) => SendAsync(nurse, new ClaimAlertCommand(alertId, version)),
            nameof(ReleaseAlertCommand) => SendAsync(nurse, new ReleaseAlertCommand(alertId, version)),
            nameof(RecordPhoneCallCommand) => SendAsync(nurse, new RecordPhoneCallCommand(alertId, version, PhoneCallOutcome.NotReached, null)),
            nameof(RecordAdviceCommand) => SendAsync(nurse, new RecordAdviceCommand(alertId, version, "Boire.")),
            nameof(SuggestMedicationCommand) => SendAsync(nurse, new SuggestMedicationCommand(alertId, version, "Lopéramide", "2 mg après chaque selle.")),
            nameof(ConfirmCtcaeGradeCommand) => SendAsync(nurse, new ConfirmCtcaeGradeCommand(alertId, version, "nausea", 2, null)),
            nameof(ScheduleConsultationCommand) => SendAsync(nurse, new ScheduleConsultationCommand(alertId, version, _host.Now.AddDays(1), "HDJ", null)),
            nameof(ReferToEmergencyCommand) => SendAsync(nurse, new ReferToEmergencyCommand(alertId, version, "Fièvre.", null)),
            nameof(EscalateToOncologistCommand) => SendAsync(nurse, new EscalateToOncologistCommand(alertId, version, "Avis ?", EscalationUrgency.Routine)),
            nameof(RecordOncologistDecisionCommand) => SendAsync(oncologist, new RecordOncologistDecisionCommand(
                alertId, version, OncologistDecisionKind.Other, "Voir en consultation.")),
            nameof(ResolveAlertCommand) => SendAsync(nurse, new ResolveAlertCommand(alertId, version, "Clos.")),
            nameof(CorrectAlertReportCommand) => SendAsync(nurse, new CorrectAlertReportCommand(alertId, version, "Ajout.")),
            nameof(WithdrawAlertReportCommand) => SendAsync(nurse, new WithdrawAlertReportCommand(alertId, version, "Erreur de patient.")),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };
    }

    private Task<T> SendAsync<T>(StaffMember who, IRequest<T> request) => _host.SendAsync(TestData.UserFor(who), request);

    /// <summary>An open alert of a patient of the hospital: nausea at grade 3, fatigue worsening to grade 2.</summary>
    private async Task<Alert> NewAlertAsync()
    {
        var patient = TestData.Patient("DUPONT", "Marie", new DateOnly(1960, 3, 11), _hospital);
        var enrollment = TestData.Enrollment(patient, _hospital);
        var response = TriageData.Response(
            enrollment, _questionnaire, new DateOnly(2026, 3, 9), _host.Now.AddHours(-2),
            TriageData.Answer("nausea", frequency: 3, severity: 3),
            TriageData.Answer("fatigue", severity: 2, interference: 2),
            TriageData.Answer("diarrhea", frequency: 2));
        var alert = TriageData.AlertFor(
            response, enrollment, AlertPriority.High, _host.Now.AddHours(-2), TimeSpan.FromHours(12),
            TriageData.Severe("nausea"),
            new AlertFinding { Rule = AlertRule.WorseningSymptom, ItemKey = "fatigue", Grade = 2, PreviousGrade = 1, Priority = AlertPriority.Medium });
        await _host.InsertAsync(patient, enrollment, response, alert);
        return alert;
    }

    private async Task<(Alert Alert, List<TriageAction> Actions, List<AlertReport> Reports)> LoadAsync(Guid alertId)
    {
        await using var db = _fixture.Database.CreateContext();
        var alert = await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == alertId);
        var actions = (await db.TriageActions.AsNoTracking().Where(t => t.AlertId == alertId).ToListAsync()).InOrder().ToList();
        var reports = await db.AlertReports.AsNoTracking().Where(r => r.AlertId == alertId).OrderBy(r => r.VersionNumber).ToListAsync();
        return (alert, actions, reports);
    }

    /// <summary>The same application over contexts that carry an interceptor: to make a save fail or race.</summary>
    private ApplicationHost HostWith(IInterceptor interceptor)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>(_fixture.Database.Options).AddInterceptors(interceptor).Options;
        return new ApplicationHost(_fixture.Database, services =>
        {
            services.AddSingleton<IAlertNotifier>(_notifier);
            services.AddSingleton<IPortalDbContextFactory>(new InterceptedFactory(options));
        });
    }

    private sealed class InterceptedFactory(DbContextOptions<PortalDbContext> options) : IPortalDbContextFactory
    {
        public Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IPortalDbContext>(new PortalDbContext(options));
    }

    /// <summary>Another clinician's save of the same alert, committed just before ours starts saving.</summary>
    private sealed class ConcurrentWriter(TestDatabase database, Guid alertId) : SaveChangesInterceptor
    {
        public int Writes { get; private set; }

        public Guid Version { get; } = Guid.NewGuid();

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context?.ChangeTracker.Entries<Alert>().Any(e => e.Entity.Id == alertId) == true)
            {
                await using var other = database.CreateContext();
                var alert = await other.Alerts.SingleAsync(a => a.Id == alertId, cancellationToken);
                alert.Version = Version;
                await other.SaveChangesAsync(cancellationToken);
                Writes++;
            }

            return result;
        }
    }

    /// <summary>A colleague's whole resolution of the same alert, committed just before ours starts saving.</summary>
    private sealed class ConcurrentResolver(ApplicationHost other, ICurrentUser colleague, Guid alertId, Guid version) : SaveChangesInterceptor
    {
        public bool Resolved { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Resolved && eventData.Context?.ChangeTracker.Entries<AlertReport>().Any(e => e.Entity.AlertId == alertId) == true)
            {
                Resolved = true;
                await other.SendAsync(colleague, new ResolveAlertCommand(alertId, version, "Clos par un collègue."), cancellationToken);
            }

            return result;
        }
    }

    /// <summary>Makes the database refuse the report row, after the alert and its action were sent in the same transaction.</summary>
    private sealed class FailingReportInsert : DbCommandInterceptor
    {
        public bool Failed { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Sabotage(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Sabotage(command);
            return ValueTask.FromResult(result);
        }

        // The report insert is rewritten to name a table that does not exist, so the database itself fails the statement.
        private void Sabotage(DbCommand command)
        {
            if (command.CommandText.Contains("INSERT INTO \"AlertReports\"", StringComparison.Ordinal))
            {
                command.CommandText = command.CommandText.Replace("INSERT INTO \"AlertReports\"", "INSERT INTO \"AlertReportsMissing\"", StringComparison.Ordinal);
                Failed = true;
            }
        }
    }
}

public sealed class TriageCommandSqliteTests(SqliteDatabaseFixture fixture) : TriageCommandTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class TriageCommandPostgresTests(PostgresDatabaseFixture fixture) : TriageCommandTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class TriageCommandSqlServerTests(SqlServerDatabaseFixture fixture) : TriageCommandTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
