using Bunit;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Web.Components.Outbox;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Outbox;

public sealed class OruOutboxPageTests : PortalComponentTest
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    private static readonly OruOutboxRow Refused = Row(7, "TS0000000007", OruMessageState.Failed) with
    {
        AckCode = "AR", AckText = "Unknown patient", LastError = "AR: Unknown patient",
    };

    private static readonly OruOutboxRow Delivered = Row(6, "TS0000000006", OruMessageState.Delivered) with
    {
        DeliveredAt = new DateTime(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc), AckCode = "AA",
    };

    private readonly RecordingSender _sender = new();
    private bool _stillFailed = true;

    public OruOutboxPageTests()
    {
        _sender
            .On<GetOruOutboxQuery, OruOutboxOverview>(query => Overview(query.State))
            .On<GetOruMessageQuery, OruMessageDetail>(query => new OruMessageDetail(Refused, "MSH|^~\\&|TELESURV\rPID|1||13432543", "UNICODE UTF-8", "MSH|^~\\&|EAI\rMSA|AR|TS0000000007"))
            .On<RequeueOruMessageCommand, OruMessageState>(_ => _stillFailed ? OruMessageState.Pending : throw new ConflictException("No longer refused."));
        Services.AddSingleton<ISender>(_sender);
        Services.AddSingleton(Options.Create(new ScheduleOptions { TimeZoneId = "Europe/Paris" }));
        Services.AddSingleton(Options.Create(new OruOptions { Enabled = true, SenderEnabled = true }));
        RenderPagesLive();
    }

    [Fact]
    public void Each_state_is_counted_with_its_word_and_a_count_filters_the_list_then_shows_all_again()
    {
        var page = Render(Page);

        var failed = page.Find("button[data-state='Failed']");
        Assert.Equal("1", failed.QuerySelector("[data-count]")!.TextContent);
        Assert.Contains("Refusé", failed.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", failed.GetAttribute("aria-pressed"));

        failed.Click();

        Assert.Equal(OruMessageState.Failed, _sender.SentOf<GetOruOutboxQuery>().Last().State);
        Assert.Equal("true", page.Find("button[data-state='Failed']").GetAttribute("aria-pressed"));
        Assert.Single(page.FindAll("[data-control-id]"));
        page.Find("[data-action='show-all']").Click();
        Assert.Null(_sender.SentOf<GetOruOutboxQuery>().Last().State);
        Assert.Equal(2, page.FindAll("[data-control-id]").Count);
    }

    [Fact]
    public void A_delivery_time_is_given_in_the_care_teams_zone_which_it_names()
    {
        var page = Render(Page);

        Assert.Contains("(07/12/2026 09:00 Europe/Paris)", page.Find("[data-control-id='TS0000000006'] [data-delivered]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Requeueing_is_asked_first_and_cancelling_sends_nothing()
    {
        var page = Render(Page);

        page.Find("[data-requeue]").Click();
        var dialog = page.WaitForElement(".mud-dialog");
        Assert.Contains("TS0000000007", dialog.TextContent, StringComparison.Ordinal);
        Button(dialog, "Annuler").Click();

        Assert.Empty(_sender.SentOf<RequeueOruMessageCommand>());
    }

    [Fact]
    public void A_confirmed_requeue_sends_the_message_again_and_says_so()
    {
        var page = Render(Page);

        page.Find("[data-requeue]").Click();
        Button(page.WaitForElement(".mud-dialog"), "Remettre en file").Click();

        page.WaitForAssertion(() => Assert.Equal(new RequeueOruMessageCommand(7), Assert.Single(_sender.SentOf<RequeueOruMessageCommand>())));
        page.WaitForAssertion(() => Assert.Contains("même MSH-10", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void A_message_no_longer_refused_when_requeued_is_said_and_the_list_read_again()
    {
        _stillFailed = false;
        var page = Render(Page);
        var reads = _sender.SentOf<GetOruOutboxQuery>().Count();

        page.Find("[data-requeue]").Click();
        Button(page.WaitForElement(".mud-dialog"), "Remettre en file").Click();

        page.WaitForAssertion(() => Assert.Contains(
            page.FindAll(".mud-alert-text-error"), alert => alert.TextContent.Contains("n'est plus refusé", StringComparison.Ordinal)));
        Assert.Equal(reads + 1, _sender.SentOf<GetOruOutboxQuery>().Count());
    }

    [Fact]
    public void The_raw_message_and_its_acknowledgement_open_one_segment_a_line()
    {
        var page = Render(Page);

        page.Find("[data-view='7']").Click();

        Assert.Equal("MSH|^~\\&|TELESURV\nPID|1||13432543", page.Find("[data-raw-message]").TextContent);
        Assert.Contains("MSA|AR", page.Find("[data-raw-ack]").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.Find("[data-view='7']").GetAttribute("aria-expanded"));
    }

    private static OruOutboxOverview Overview(OruMessageState? state)
    {
        var rows = new[] { Refused, Delivered }.Where(r => state is null || r.State == state).ToList();
        var counts = new Dictionary<OruMessageState, int> { [OruMessageState.Failed] = 1, [OruMessageState.Delivered] = 1 };
        return new OruOutboxOverview(new OruOutboxStatistics(counts, null), Now, new PagedResult<OruOutboxRow>(rows, rows.Count, 1, 20));
    }

    private static OruOutboxRow Row(long sequence, string controlId, OruMessageState state) => new(
        sequence, controlId, OruMessageKind.Report, state, Guid.CreateVersion7(), "ROUSSEAU Hélène", "13432543", Guid.CreateVersion7(), 1,
        new DateTime(2026, 12, 7, 7, 0, 0, DateTimeKind.Utc), 1, null, Now, null, null, null, null, 0, false);

    private static AngleSharp.Dom.IElement Button(AngleSharp.Dom.IElement scope, string text) =>
        scope.QuerySelectorAll("button").Single(b => b.TextContent.Contains(text, StringComparison.Ordinal));

    private static readonly RenderFragment Page = builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<OruOutboxPage>(3);
        builder.CloseComponent();
    };
}
