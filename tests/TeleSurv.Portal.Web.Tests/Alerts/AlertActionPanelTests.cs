using Bunit;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Application.Staff;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Alerts;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Alerts;

/// <summary>The acts of the alert page: grouped, each in its dialog, with what is wrong said on the field.</summary>
public sealed class AlertActionPanelTests : PortalComponentTest
{
    private static readonly StaffChoice Lefevre = new(Guid.CreateVersion7(), "Dr Sophie Lefèvre");

    private readonly RecordingSender _sender = new();
    private readonly List<AlertActionResult> _recorded = [];
    private readonly List<Exception> _refused = [];
    private AlertDetail _alert = AlertSamples.Detail();

    public AlertActionPanelTests()
    {
        _sender.On<ListEstablishmentOncologistsQuery, IReadOnlyList<StaffChoice>>(_ => [Lefevre]);
        Services.AddSingleton<ISender>(_sender);
        Services.AddSingleton(Options.Create(new ScheduleOptions()));
    }

    [Fact]
    public void The_acts_are_grouped_and_the_emergency_referral_stands_apart_before_them()
    {
        var panel = RenderPanel();

        var groups = panel.FindAll("[data-act-group]").Select(g => g.GetAttribute("data-act-group")).ToList();
        Assert.Equal(["Emergency", "Contact", "Clinical", "Orientation", "Close"], groups);
        Assert.Equal(["EmergencyReferral"], Acts(panel, "Emergency"));
        Assert.Equal(["PhoneCall", "Advice"], Acts(panel, "Contact"));
        Assert.Equal(["MedicationSuggested", "GradeConfirmed", "ConsultationScheduled"], Acts(panel, "Clinical"));
        Assert.Equal(["Escalation"], Acts(panel, "Orientation"));
        Assert.Equal(["Resolution"], Acts(panel, "Close"));
        Assert.Contains("mud-button-filled-error", panel.Find("[data-act='EmergencyReferral']").ClassName, StringComparison.Ordinal);
        Assert.Contains("Contacter le patient", panel.Find("[data-act-group='Contact']").TextContent, StringComparison.Ordinal);
        Assert.Empty(_dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public void An_act_opens_in_a_dialog_and_cancelling_closes_it_and_sends_nothing()
    {
        var panel = RenderPanel();

        panel.Find("[data-act='Advice']").Click();
        var dialog = _dialogs.WaitForElement(".mud-dialog");
        Assert.Contains("Conseil", dialog.QuerySelector(".act-title")!.TextContent, StringComparison.Ordinal);
        _dialogs.Find("#act-text").Input("Boire par petites gorgées.");
        _dialogs.Find("[data-action='cancel-act']").Click();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        Assert.Empty(_sender.Sent);
        Assert.Empty(_recorded);
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("record")]
    public void The_act_s_button_takes_the_focus_back_after_mudblazor_has_given_back_the_focus_the_dialog_found(string how)
    {
        _sender.On<RecordAdviceCommand, AlertActionResult>(c => new(c.AlertId, Guid.CreateVersion7(), AlertStatus.InProgress, Guid.CreateVersion7(), null));
        var panel = RenderPanel();

        panel.Find("[data-act='Advice']").Click();
        _dialogs.WaitForElement("#act-text").Input("Boire souvent.");
        if (how == "record")
        {
            _dialogs.Find("form[data-form='Advice']").Submit();
        }
        else
        {
            _dialogs.Find("[data-action='cancel-act']").Click();
        }

        // The only element the panel focuses is the act's button (ElementReference.FocusAsync).
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        AssertOpenerFocusedAfterMudBlazorRestoredFocus(panel, "the act's button");
    }

    [Fact]
    public void Missing_fields_are_said_on_each_field_and_nothing_is_sent()
    {
        var panel = RenderPanel();

        panel.Find("[data-act='Escalation']").Click();
        _dialogs.WaitForElement("form[data-form='Escalation']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(
            "Écrivez la question posée à l'oncologue.", _dialogs.Find("[data-field='Text']").TextContent, StringComparison.Ordinal));
        Assert.Contains("Indiquez l'urgence de la réponse.", _dialogs.Find("[data-field='Urgency']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Indiquez l'urgence", _dialogs.Find("[data-field='Text']").TextContent, StringComparison.Ordinal);
        Assert.Empty(_dialogs.FindAll(".act-problem"));
        Assert.Empty(_sender.SentOf<EscalateToOncologistCommand>());

        // The message goes once the field is filled.
        _dialogs.Find("input[name='urgency'][value='Urgent']").Change(true);
        Assert.DoesNotContain("Indiquez l'urgence", _dialogs.Find("[data-field='Urgency']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Écrivez la question", _dialogs.Find("[data-field='Text']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escalation_sends_its_command_on_the_version_shown_addressed_to_the_oncologist_chosen()
    {
        _sender.On<EscalateToOncologistCommand, AlertActionResult>(c => new(c.AlertId, Guid.CreateVersion7(), AlertStatus.Escalated, Guid.CreateVersion7(), null));
        var panel = RenderPanel();

        panel.Find("[data-act='Escalation']").Click();
        _dialogs.WaitForElement("#act-text").Input("Adapter la dose ?");
        _dialogs.Find("input[name='urgency'][value='Urgent']").Change(true);
        _dialogs.Find("#act-oncologist").Input("lef");
        _popovers.WaitForElement($"[data-oncologist='{Lefevre.StaffMemberId}']").Click();
        _dialogs.Find("form[data-form='Escalation']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(
            new EscalateToOncologistCommand(_alert.AlertId, _alert.Version, "Adapter la dose ?", EscalationUrgency.Urgent, Lefevre.StaffMemberId),
            Assert.Single(_sender.SentOf<EscalateToOncologistCommand>())));
        Assert.Single(_recorded);
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
    }

    [Fact]
    public void The_validator_s_messages_show_on_the_fields_their_properties_come_from_in_the_user_s_language()
    {
        UseCulture("en-GB");
        _sender.On<SuggestMedicationCommand, AlertActionResult>(_ => throw new ValidationFailedException(new Dictionary<string, string[]>
        {
            ["DrugName"] = ["Le nom est trop long. / The name is too long."],
            ["Instructions"] = ["Les consignes sont requises. / Instructions are required."],
        }));
        var panel = RenderPanel();

        panel.Find("[data-act='MedicationSuggested']").Click();
        _dialogs.WaitForElement("#act-drug").Input("Ondansétron");
        _dialogs.Find("#act-text").Input("8 mg");
        _dialogs.Find("form[data-form='MedicationSuggested']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains("The name is too long.", _dialogs.Find("[data-field='DrugName']").TextContent, StringComparison.Ordinal));
        Assert.Contains("Instructions are required.", _dialogs.Find("[data-field='Text']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Le nom", _dialogs.Find("[data-field='DrugName']").TextContent, StringComparison.Ordinal);
        Assert.Empty(_dialogs.FindAll(".act-problem"));
        Assert.Empty(_refused);
        // What was typed stays, in the dialog still open.
        Assert.Contains("Ondansétron", _dialogs.Find("#act-drug").OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_colleague_acting_first_is_said_in_the_dialog_which_keeps_the_text_and_sends_it_again_on_the_fresh_version()
    {
        var fresh = Guid.CreateVersion7();
        var first = true;
        _sender.On<RecordAdviceCommand, AlertActionResult>(command =>
        {
            if (first)
            {
                first = false;
                throw new ConflictException(ConflictKind.Concurrency, "Changed.");
            }

            return new AlertActionResult(command.AlertId, Guid.CreateVersion7(), AlertStatus.InProgress, Guid.CreateVersion7(), null);
        });
        var panel = RenderPanel();

        panel.Find("[data-act='Advice']").Click();
        _dialogs.WaitForElement("#act-text").Input("Boire souvent.");
        _dialogs.Find("form[data-form='Advice']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal("ConflictException", _dialogs.Find(".act-problem").GetAttribute("data-problem")));
        Assert.IsType<ConflictException>(Assert.Single(_refused));
        // The page reloads the alert: the same dialog now sends on its fresh version.
        _alert = _alert with { Version = fresh };
        panel.Render(parameters => parameters.Add(p => p.Alert, _alert));
        Assert.Contains("Boire souvent.", _dialogs.Find("#act-text").OuterHtml, StringComparison.Ordinal);
        _dialogs.Find("form[data-form='Advice']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(2, _sender.SentOf<RecordAdviceCommand>().Count()));
        Assert.Equal(new RecordAdviceCommand(_alert.AlertId, fresh, "Boire souvent."), _sender.SentOf<RecordAdviceCommand>().Last());
        Assert.Single(_recorded);
    }

    [Fact]
    public void A_grade_is_confirmed_from_the_ctcae_definitions_for_the_symptom_of_the_alert()
    {
        _sender.On<ConfirmCtcaeGradeCommand, AlertActionResult>(c => new(c.AlertId, Guid.CreateVersion7(), AlertStatus.InProgress, Guid.CreateVersion7(), null));
        var panel = RenderPanel();

        panel.Find("[data-act='GradeConfirmed']").Click();
        _dialogs.WaitForElement("form[data-form='GradeConfirmed']").Submit();
        _dialogs.WaitForAssertion(() => Assert.Contains("Choisissez le grade CTCAE.", _dialogs.Find("[data-field='Grade']").TextContent, StringComparison.Ordinal));
        Assert.Equal("act-error-Grade", _dialogs.Find("[data-field='Grade']").GetAttribute("aria-describedby"));

        _dialogs.Find("input[name='ctcae-grade'][data-grade='3']").Change(true);
        _dialogs.Find("form[data-form='GradeConfirmed']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(
            new ConfirmCtcaeGradeCommand(_alert.AlertId, _alert.Version, "nausea", 3, null), Assert.Single(_sender.SentOf<ConfirmCtcaeGradeCommand>())));
    }

    [Fact]
    public void An_emergency_referral_needs_its_reason_and_is_sent_with_it()
    {
        _sender.On<ReferToEmergencyCommand, AlertActionResult>(c => new(c.AlertId, Guid.CreateVersion7(), AlertStatus.InProgress, Guid.CreateVersion7(), null));
        var panel = RenderPanel();

        panel.Find("[data-act='EmergencyReferral']").Click();
        _dialogs.WaitForElement("form[data-form='EmergencyReferral']").Submit();
        _dialogs.WaitForAssertion(() => Assert.Contains("Indiquez le motif de l'orientation.", _dialogs.Find("[data-field='Text']").TextContent, StringComparison.Ordinal));
        Assert.Empty(_sender.SentOf<ReferToEmergencyCommand>());

        _dialogs.Find("#act-text").Input("Fièvre 39 °C, frissons.");
        _dialogs.Find("form[data-form='EmergencyReferral']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(
            new ReferToEmergencyCommand(_alert.AlertId, _alert.Version, "Fièvre 39 °C, frissons.", null), Assert.Single(_sender.SentOf<ReferToEmergencyCommand>())));
    }

    [Fact]
    public void The_oncologist_s_decision_that_closes_the_alert_asks_for_the_outcome_on_its_own_field()
    {
        _alert = AlertSamples.Detail(AlertStatus.Escalated);
        var panel = RenderPanel(AvailableActs.For(AlertStatus.Escalated, StaffRole.Oncologist, true));

        panel.Find("[data-act='OncologistDecision']").Click();
        _dialogs.WaitForElement("input[name='decision'][value='Consultation']").Change(true);
        _dialogs.Find("#act-text").Input("Consultation demain.");
        _dialogs.Find("#act-resolve").Change(true);
        _dialogs.Find("form[data-form='OncologistDecision']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains("Indiquez la conclusion.", _dialogs.Find("[data-field='Outcome']").TextContent, StringComparison.Ordinal));
        Assert.Empty(_sender.SentOf<RecordOncologistDecisionCommand>());
    }

    [Fact]
    public void The_form_maps_each_property_of_the_commands_to_the_field_that_fills_it()
    {
        Assert.Equal(nameof(ActForm.Text), ActForm.FieldOf(TriageActionKind.Advice, "Advice"));
        Assert.Equal(nameof(ActForm.Text), ActForm.FieldOf(TriageActionKind.Resolution, "Outcome"));
        Assert.Equal(nameof(ActForm.Outcome), ActForm.FieldOf(TriageActionKind.OncologistDecision, "Outcome"));
        Assert.Equal(nameof(ActForm.Text), ActForm.FieldOf(TriageActionKind.OncologistDecision, "Note"));
        Assert.Equal(nameof(ActForm.Note), ActForm.FieldOf(TriageActionKind.PhoneCall, "Note"));
        Assert.Equal(nameof(ActForm.CallOutcome), ActForm.FieldOf(TriageActionKind.PhoneCall, "Outcome"));
        Assert.Equal(nameof(ActForm.ConsultationAt), ActForm.FieldOf(TriageActionKind.ConsultationScheduled, "ScheduledAt"));
        Assert.Null(ActForm.FieldOf(TriageActionKind.Advice, "Version"));
        Assert.Null(ActForm.FieldOf(TriageActionKind.Advice, string.Empty));
    }

    // The dialogs show in the provider, as in the layout: the panel's buttons are in its own markup.
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    private IRenderedComponent<AlertActionPanel> RenderPanel(IReadOnlyList<TriageActionKind>? kinds = null)
    {
        _popovers = Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        return Render<AlertActionPanel>(parameters => parameters
            .Add(p => p.Alert, _alert)
            .Add(p => p.Kinds, kinds ?? AvailableActs.For(_alert.Status, StaffRole.Ide, canConfirmGrade: true))
            .Add(p => p.Recorded, (AlertActionResult result) => _recorded.Add(result))
            .Add(p => p.Refused, (Exception exception) => _refused.Add(exception)));
    }

    private static List<string?> Acts(IRenderedComponent<AlertActionPanel> panel, string group) =>
        [.. panel.Find($"[data-act-group='{group}']").QuerySelectorAll("[data-act]").Select(b => b.GetAttribute("data-act"))];
}
