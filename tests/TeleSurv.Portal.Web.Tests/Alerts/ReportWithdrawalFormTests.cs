using Bunit;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Web.Components.Alerts;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Alerts;

/// <summary>Withdrawing a resolved alert's report: asked in a dialog, with its reason required on the field.</summary>
public sealed class ReportWithdrawalFormTests : PortalComponentTest
{
    private static readonly Guid AlertId = Guid.CreateVersion7();
    private static readonly Guid Version = Guid.CreateVersion7();

    private readonly RecordingSender _sender = new();
    private readonly List<AlertActionResult?> _changed = [];
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    public ReportWithdrawalFormTests()
    {
        Services.AddSingleton<ISender>(_sender);
    }

    [Theory]
    [InlineData("fr-FR", "Retirer le compte rendu", "Motif du retrait")]
    [InlineData("en-GB", "Withdraw the report", "Reason for withdrawal")]
    public void The_withdrawal_opens_in_a_dialog_that_asks_for_the_reason(string culture, string title, string reason)
    {
        UseCulture(culture);
        var form = RenderForm();
        Assert.Empty(_dialogs.FindAll(".mud-dialog"));

        form.Find("[data-action='withdraw-report']").Click();

        var dialog = _dialogs.WaitForElement(".mud-dialog");
        Assert.Contains(title, dialog.QuerySelector("#withdrawal-title")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(reason, dialog.QuerySelector("[data-field='Reason'] label")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("4000", _dialogs.Find($"#withdrawal-reason-{AlertId}").GetAttribute("maxlength"));
    }

    [Fact]
    public void Sent_without_a_reason_it_says_so_on_the_field_and_sends_nothing_then_the_message_goes_once_typed()
    {
        var form = RenderForm();

        form.Find("[data-action='withdraw-report']").Click();
        _dialogs.WaitForElement("form[data-form='withdrawal']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains(
            "Indiquez le motif du retrait", _dialogs.Find("[data-field='Reason']").TextContent, StringComparison.Ordinal));
        Assert.Empty(_dialogs.FindAll("[data-withdrawal-error]"));
        Assert.Empty(_sender.Sent);

        _dialogs.Find($"#withdrawal-reason-{AlertId}").Input("Mauvaise patiente.");
        Assert.DoesNotContain("Indiquez le motif", _dialogs.Find("[data-field='Reason']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_of_blanks_is_no_reason()
    {
        var form = RenderForm();

        form.Find("[data-action='withdraw-report']").Click();
        _dialogs.WaitForElement($"#withdrawal-reason-{AlertId}").Input("   ");
        _dialogs.Find("form[data-form='withdrawal']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains("Indiquez le motif du retrait", _dialogs.Find("[data-field='Reason']").TextContent, StringComparison.Ordinal));
        Assert.Empty(_sender.Sent);
    }

    [Fact]
    public void Cancelling_closes_the_dialog_and_sends_nothing()
    {
        RenderForm().Find("[data-action='withdraw-report']").Click();
        TypeAReasonAndCancel();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        Assert.Empty(_sender.Sent);
        Assert.Empty(_changed);
    }

    [Fact]
    public void Cancelling_gives_the_focus_back_to_the_withdraw_button_after_mudblazor_has_given_back_the_focus_the_dialog_found()
    {
        var form = RenderForm();

        form.Find("[data-action='withdraw-report']").Click();
        TypeAReasonAndCancel();

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        AssertOpenerFocusedAfterMudBlazorRestoredFocus(form, "the withdraw button");
    }

    private void TypeAReasonAndCancel()
    {
        _dialogs.WaitForElement($"#withdrawal-reason-{AlertId}").Input("Mauvaise patiente.");
        _dialogs.Find("[data-action='cancel-withdrawal']").Click();
    }

    [Fact]
    public void The_withdrawal_is_sent_with_its_reason_on_the_version_shown_and_the_page_is_told()
    {
        var recorded = new AlertActionResult(AlertId, Guid.CreateVersion7(), AlertStatus.Resolved, Guid.CreateVersion7(), 3);
        _sender.On<WithdrawAlertReportCommand, AlertActionResult>(_ => recorded);
        var form = RenderForm();

        form.Find("[data-action='withdraw-report']").Click();
        _dialogs.WaitForElement($"#withdrawal-reason-{AlertId}").Input("Compte rendu saisi sur la mauvaise patiente.");
        _dialogs.Find("form[data-form='withdrawal']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Equal(
            new WithdrawAlertReportCommand(AlertId, Version, "Compte rendu saisi sur la mauvaise patiente."),
            Assert.Single(_sender.SentOf<WithdrawAlertReportCommand>())));
        Assert.Equal([recorded], _changed);
        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
    }

    [Fact]
    public void A_colleague_changing_the_alert_first_is_said_in_the_dialog_which_keeps_the_reason_and_the_page_reloads()
    {
        _sender.On<WithdrawAlertReportCommand, AlertActionResult>(_ => throw new ConflictException(ConflictKind.Concurrency, "Changed."));
        var form = RenderForm();

        form.Find("[data-action='withdraw-report']").Click();
        _dialogs.WaitForElement($"#withdrawal-reason-{AlertId}").Input("Mauvaise patiente.");
        _dialogs.Find("form[data-form='withdrawal']").Submit();

        _dialogs.WaitForAssertion(() => Assert.Contains("L'alerte a été modifiée entre-temps", _dialogs.Find("[data-withdrawal-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal([null], _changed);
        Assert.Contains("Mauvaise patiente.", _dialogs.Find($"#withdrawal-reason-{AlertId}").OuterHtml, StringComparison.Ordinal);
    }

    private IRenderedComponent<ReportWithdrawalForm> RenderForm()
    {
        _dialogs = Render<MudDialogProvider>();
        return Render<ReportWithdrawalForm>(parameters => parameters
            .Add(p => p.AlertId, AlertId)
            .Add(p => p.Version, Version)
            .Add(p => p.OnChanged, (AlertActionResult? result) => _changed.Add(result)));
    }
}
