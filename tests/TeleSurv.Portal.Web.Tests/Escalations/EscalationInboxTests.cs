using Bunit;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Escalations;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Escalations;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Escalations;

/// <summary>The oncologist's inbox of escalations: what waits, in what order of urgency, and the decision taken from it.</summary>
public sealed class EscalationInboxTests : PortalComponentTest
{
    private static readonly Guid Establishment = Guid.CreateVersion7();

    private static readonly RenderFragment Page = builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<EscalationInbox>(3);
        builder.CloseComponent();
    };

    private readonly List<EscalationRow> _rows = [];
    private readonly RecordingSender _sender = new();
    private readonly ManualAlertFeed _feed = new();
    private readonly SignedInUser _user = new("Dr Sophie Lefèvre", StaffRole.Oncologist, Establishment);

    public EscalationInboxTests()
    {
        _sender.On<GetEscalationInboxQuery, PagedResult<EscalationRow>>(query =>
            new PagedResult<EscalationRow>([.. _rows.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)], _rows.Count, query.Page, query.PageSize));
        Services.AddSingleton<ISender>(_sender);
        Services.AddSingleton<ICurrentUser>(_user);
        Services.AddSingleton<IAlertChangeFeed>(_feed);
        RenderPagesLive();
    }

    [Fact]
    public void Each_escalation_shows_its_urgency_and_priority_in_words_the_patient_the_question_who_asked_and_to_whom()
    {
        _rows.Add(Row("ROUSSEAU Hélène", EscalationUrgency.Urgent, AlertPriority.Urgent, "Adapter la dose de la prochaine cure ?", addressedTo: "Dr Sophie Lefèvre"));
        _rows.Add(Row("MOREAU Louis", EscalationUrgency.Routine, AlertPriority.Medium, "Avis sur la mucite ?"));

        var page = Render(Page);

        var urgent = page.WaitForElement($"tr:has([data-alert-id='{_rows[0].AlertId}'])");
        Assert.Equal("Urgent", urgent.QuerySelector("[data-urgency]")!.GetAttribute("data-urgency"));
        Assert.Contains("Urgent", urgent.QuerySelector("[data-urgency-chip]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Urgent", urgent.QuerySelector("[data-priority]")!.GetAttribute("data-priority"));
        Assert.Contains("Urgente", urgent.QuerySelector("[data-priority]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("ROUSSEAU Hélène", urgent.QuerySelector("a[data-open-alert]")!.TextContent.Trim());
        Assert.Equal($"alerts/{_rows[0].AlertId}", urgent.QuerySelector("a[data-open-alert]")!.GetAttribute("href"));
        Assert.Contains("Adapter la dose de la prochaine cure ?", urgent.QuerySelector("[data-question]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Julien Bernard", urgent.TextContent, StringComparison.Ordinal);
        Assert.Contains("Adressé à Dr Sophie Lefèvre", urgent.QuerySelector("[data-addressed-to]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("is-urgent", urgent.ClassName, StringComparison.Ordinal);

        var routine = page.Find($"tr:has([data-alert-id='{_rows[1].AlertId}'])");
        Assert.Contains("Dans la journée", routine.QuerySelector("[data-urgency-chip]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(routine.QuerySelector("[data-addressed-to]"));
        Assert.DoesNotContain("is-urgent", routine.ClassName, StringComparison.Ordinal);
        Assert.Equal("2", page.Find("[data-escalation-count]").GetAttribute("data-escalation-count"));
    }

    [Fact]
    public void An_empty_inbox_says_so_in_the_user_s_language()
    {
        UseCulture("en-GB");

        var page = Render(Page);

        page.WaitForAssertion(() => Assert.Contains("No escalation waiting", page.Find("[data-inbox-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("table"));
    }

    [Fact]
    public void A_new_escalation_appears_live_without_a_reload()
    {
        var page = Render(Page);
        page.WaitForElement("[data-inbox-empty]");
        var escalated = Row("PETIT Anne", EscalationUrgency.Urgent, AlertPriority.High, "Hospitaliser ?");
        _rows.Add(escalated);

        _feed.Publish(new AlertChanged(escalated.AlertId, Establishment, AlertChangeKind.Escalated));

        page.WaitForAssertion(() => Assert.Single(page.FindAll($"tr:has([data-alert-id='{escalated.AlertId}'])")));
        Assert.Equal("1", page.Find("[data-escalation-count]").GetAttribute("data-escalation-count"));
    }

    [Fact]
    public void The_decision_opens_in_a_dialog_and_cancelling_sends_nothing()
    {
        _rows.Add(Row("ROUSSEAU Hélène"));
        var page = Render(Page);

        page.WaitForElement("button[data-action='decide']").Click();
        page.WaitForElement("form[data-form='OncologistDecision']");
        Assert.Contains("Décision pour ROUSSEAU Hélène", page.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
        page.Find("#decision-text").Input("Consultation demain.");
        page.Find("[data-action='cancel-decision']").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Empty(_sender.SentOf<RecordOncologistDecisionCommand>());
    }

    [Fact]
    public void A_decision_sent_without_its_choice_and_note_says_so_on_each_field_and_sends_nothing()
    {
        _rows.Add(Row("ROUSSEAU Hélène"));
        var page = Render(Page);

        page.WaitForElement("button[data-action='decide']").Click();
        page.WaitForElement("form[data-form='OncologistDecision']").Submit();

        page.WaitForAssertion(() => Assert.Contains("Choisissez une décision.", page.Find("[data-field='Decision']").TextContent, StringComparison.Ordinal));
        Assert.Contains("Écrivez la note de décision.", page.Find("[data-field='Text']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("note de décision", page.Find("[data-field='Decision']").TextContent, StringComparison.Ordinal);
        Assert.Empty(_sender.SentOf<RecordOncologistDecisionCommand>());

        // Closing the alert with the decision asks for its outcome too, on its own field.
        DecisionChoice(page, OncologistDecisionKind.Consultation).Click();
        page.Find("#decision-text").Input("Consultation demain.");
        page.Find("input[data-resolve], [data-resolve] input").Change(true);
        page.Find("form[data-form='OncologistDecision']").Submit();

        page.WaitForAssertion(() => Assert.Contains("Indiquez la conclusion.", page.Find("[data-field='Outcome']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-field='Decision'] .act-field-error"));
        Assert.Empty(_sender.SentOf<RecordOncologistDecisionCommand>());
    }

    [Fact]
    public void A_decision_is_sent_on_the_version_shown_then_the_inbox_reloads_and_says_it()
    {
        var row = Row("ROUSSEAU Hélène");
        _rows.Add(row);
        _sender.On<RecordOncologistDecisionCommand, AlertActionResult>(command =>
        {
            _rows.Clear();
            return new AlertActionResult(command.AlertId, Guid.CreateVersion7(), AlertStatus.InProgress, Guid.CreateVersion7(), null);
        });
        var page = Render(Page);

        page.WaitForElement("button[data-action='decide']").Click();
        DecisionChoice(page, OncologistDecisionKind.AdjustOrHoldTreatment).Click();
        page.Find("#decision-text").Input("Réduire la dose de 20 %.");
        page.Find("form[data-form='OncologistDecision']").Submit();

        page.WaitForAssertion(() => Assert.Equal(
            new RecordOncologistDecisionCommand(row.AlertId, row.Version, OncologistDecisionKind.AdjustOrHoldTreatment, "Réduire la dose de 20 %.", false, null),
            Assert.Single(_sender.SentOf<RecordOncologistDecisionCommand>())));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        page.WaitForElement("[data-inbox-empty]");
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Décision enregistrée pour ROUSSEAU Hélène");
    }

    [Fact]
    public void A_colleague_acting_first_is_said_in_the_dialog_which_keeps_the_text_and_sends_again_on_the_fresh_version()
    {
        var row = Row("ROUSSEAU Hélène");
        _rows.Add(row);
        var fresh = row with { Version = Guid.CreateVersion7() };
        var first = true;
        _sender.On<RecordOncologistDecisionCommand, AlertActionResult>(command =>
        {
            if (first)
            {
                first = false;
                _rows[0] = fresh;
                throw new ConflictException(ConflictKind.Concurrency, "Changed.");
            }

            return new AlertActionResult(command.AlertId, Guid.CreateVersion7(), AlertStatus.InProgress, Guid.CreateVersion7(), null);
        });
        var page = Render(Page);

        page.WaitForElement("button[data-action='decide']").Click();
        DecisionChoice(page, OncologistDecisionKind.Consultation).Click();
        page.Find("#decision-text").Input("Consultation demain.");
        page.Find("form[data-form='OncologistDecision']").Submit();

        page.WaitForAssertion(() => Assert.Equal("ConflictException", page.Find(".decision-problem").GetAttribute("data-problem")));
        Assert.Contains("Consultation demain.", page.Find("#decision-text").OuterHtml, StringComparison.Ordinal);
        page.Find("form[data-form='OncologistDecision']").Submit();

        page.WaitForAssertion(() => Assert.Equal(2, _sender.SentOf<RecordOncologistDecisionCommand>().Count()));
        Assert.Equal(fresh.Version, _sender.SentOf<RecordOncologistDecisionCommand>().Last().Version);
        Assert.Equal("Consultation demain.", _sender.SentOf<RecordOncologistDecisionCommand>().Last().Note);
    }

    [Fact]
    public void A_nurse_coordinator_reads_the_inbox_but_is_offered_no_decision()
    {
        _user.Role = StaffRole.Ipa;
        _rows.Add(Row("ROUSSEAU Hélène"));

        var page = Render(Page);

        page.WaitForElement($"tr:has([data-alert-id='{_rows[0].AlertId}'])");
        Assert.Empty(page.FindAll("button[data-action='decide']"));
        Assert.Empty(page.FindAll("[data-filter='addressed-to-me']"));
    }

    // MudRadio puts the attributes it does not know on its input.
    private static AngleSharp.Dom.IElement DecisionChoice<TComponent>(IRenderedComponent<TComponent> page, OncologistDecisionKind decision)
        where TComponent : IComponent =>
        page.WaitForElement($"input[data-decision='{decision}'], [data-decision='{decision}'] input");

    private static EscalationRow Row(
        string patient, EscalationUrgency urgency = EscalationUrgency.Urgent, AlertPriority priority = AlertPriority.High,
        string question = "Adapter la dose ?", string? addressedTo = null) =>
        new(Guid.CreateVersion7(), priority, Establishment, Guid.CreateVersion7(), patient, 65, "10482913", "nausea", 3, Worsened: true,
            DateTime.UtcNow.AddHours(-3), DateTime.UtcNow.AddHours(2), false, DateTime.UtcNow.AddMinutes(-40), "Julien Bernard", question,
            urgency, addressedTo is null ? null : Guid.CreateVersion7(), addressedTo, Guid.CreateVersion7())
        {
            Reason = new AlertReason(AlertRule.SevereSymptom, "nausea", 3, 1, null, 0),
        };
}
