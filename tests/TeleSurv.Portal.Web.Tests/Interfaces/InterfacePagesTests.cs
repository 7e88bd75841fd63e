using Bunit;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Web.Components.Interfaces;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Interfaces;

/// <summary>The admin's interface monitor and ADT message page: the journal paged by the server, times in the care teams' zone, the raw message readable.</summary>
public sealed class InterfacePagesTests : PortalComponentTest
{
    // 09:10 UTC on a winter day is 10:10 in Paris.
    private static readonly DateTime Received = new(2026, 12, 7, 9, 10, 0, DateTimeKind.Utc);

    private static readonly RenderFragment Providers = builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
    };

    private readonly List<AdtJournalRow> _journal = [];
    private readonly RecordingSender _sender = new();

    public InterfacePagesTests()
    {
        _sender
            .On<GetInterfaceMonitorQuery, AdtMonitorFigures>(_ => new AdtMonitorFigures(
                new AdtListenerSnapshot(AdtListenerStatus.Listening, "0.0.0.0:2575", Received, null, 1), [new HourlyCount(Received, 4, 1)], 4, 1, 1, Received, "ADT^A01"))
            .On<SearchAdtJournalQuery, PagedResult<AdtJournalRow>>(query =>
                new PagedResult<AdtJournalRow>([.. _journal.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)], _journal.Count, query.Page, query.PageSize));
        Services.AddSingleton<ISender>(_sender);
        Services.AddSingleton<HealthCheckService>(new HealthyService());
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton(Options.Create(new ScheduleOptions()));
        RenderPagesLive();
    }

    [Fact]
    public void Each_journal_row_shows_its_status_with_the_ack_code_and_text_and_its_time_in_the_care_teams_zone_named()
    {
        var rejected = Row("Z1", AdtMessageStatus.Rejected, "AE", error: "Venue inconnue : MB1", errorCode: 204);
        _journal.Add(rejected);
        _journal.Add(Row("A1", AdtMessageStatus.Applied, "AA", summary: "Admission enregistrée"));

        var page = RenderMonitor();

        var row = page.WaitForElement("tr:has([data-control-id='Z1'])");
        var status = row.QuerySelector("[data-status]")!;
        Assert.Equal("Rejected", status.GetAttribute("data-status"));
        Assert.Contains("Refusé (contenu) · AE", status.TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-chip-color-error", status.ClassName, StringComparison.Ordinal);
        Assert.Contains("204 — Venue inconnue : MB1", row.QuerySelector("[data-ack-text]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("07/12/2026 10:10 Europe/Paris", row.QuerySelector("time")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"admin/interfaces/messages/{rejected.Id}", row.QuerySelector("a.journal-link")!.GetAttribute("href"));
        var applied = page.Find("tr:has([data-control-id='A1'])");
        Assert.Contains("mud-chip-color-success", applied.QuerySelector("[data-status]")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("Admission enregistrée", applied.QuerySelector("[data-ack-text]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Listening", page.Find("[data-listener-status]").GetAttribute("data-listener-status"));
        Assert.Contains("Europe/Paris", page.Find("[data-found]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_search_sends_what_was_typed_and_the_pager_turns_the_pages_of_that_search_on_the_server()
    {
        for (var i = 0; i < 30; i++)
        {
            _journal.Add(Row($"Z{i:00}", AdtMessageStatus.Rejected, "AE", error: "Venue inconnue"));
        }

        var page = RenderMonitor();
        page.WaitForElement("tr:has([data-control-id='Z00'])");

        page.Find("#journal-control").Input(" Z ");
        page.Find("#journal-ipp").Input("BR12");
        page.Find("input[data-filter='error-queue'], [data-filter='error-queue'] input").Change(true);
        page.Find("form.journal-search").Submit();

        page.WaitForAssertion(() => Assert.Contains(_sender.SentOf<SearchAdtJournalQuery>(), q => q is { ControlId: "Z", Ipp: "BR12", ErrorQueue: true, Page: 1 }));
        Assert.Equal(25, page.FindAll("tr:has([data-control-id])").Count);

        page.Find("button[aria-label='Next page'], .mud-table-pagination-actions button:last-of-type").Click();

        page.WaitForAssertion(() => Assert.Contains(_sender.SentOf<SearchAdtJournalQuery>(), q => q is { ControlId: "Z", Ipp: "BR12", ErrorQueue: true, Page: 2, PageSize: 25 }));
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("tr:has([data-control-id])").Count));
        Assert.DoesNotContain(_sender.SentOf<SearchAdtJournalQuery>(), q => q.PageSize != 25);
    }

    [Fact]
    public void A_search_the_validator_refuses_says_why_on_its_field_and_an_empty_journal_says_nothing_matches()
    {
        _sender.On<SearchAdtJournalQuery, PagedResult<AdtJournalRow>>(query => query.Ipp is null
            ? new PagedResult<AdtJournalRow>([], 0, 1, query.PageSize)
            : throw new ValidationFailedException(new Dictionary<string, string[]> { ["Ipp"] = ["L'IPP est trop long. / The IPP is too long."] }));
        UseCulture("en-GB");

        var page = RenderMonitor();
        page.WaitForAssertion(() => Assert.Contains("No message matches.", page.Find("[data-journal-empty]").TextContent, StringComparison.Ordinal));

        page.Find("#journal-ipp").Input(new string('9', 65));
        page.Find("form.journal-search").Submit();

        page.WaitForAssertion(() => Assert.Contains("The IPP is too long.", page.Find(".mud-input-control:has(#journal-ipp)").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("L'IPP", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-journal-problem]"));
    }

    [Fact]
    public void The_message_shows_each_segment_on_its_own_line_with_its_name_apart_and_the_ack_sent()
    {
        var row = Row("Z1", AdtMessageStatus.Applied, "AA");
        _sender.On<GetAdtMessageQuery, AdtMessageDetail>(_ => new AdtMessageDetail(
            row, "MSH|^~\\&|GAM|CHRIV|TELESURV|CHRIV|20261207101000||ADT^A01|Z1|P|2.5\rPID|||BR12^^^CHRIV||ROUSSEAU^Hélène\r", "MSH|^~\\&|TELESURV\rMSA|AA|Z1\r", null, null));

        var page = RenderMessage(row.Id);

        page.WaitForElement("pre[data-raw]");
        Assert.Equal(["MSH", "PID"], page.FindAll("pre[data-raw] [data-segment]").Select(s => s.GetAttribute("data-segment")));
        Assert.Equal("PID", page.Find("pre[data-raw] [data-segment='PID'] strong").TextContent);
        Assert.Equal("PID|||BR12^^^CHRIV||ROUSSEAU^Hélène", page.Find("pre[data-raw] [data-segment='PID']").TextContent);
        Assert.Equal("MSA|AA|Z1", page.Find("pre[data-ack] [data-segment='MSA']").TextContent);
        Assert.Contains("07/12/2026 10:10:00 Europe/Paris", page.Find("[data-received]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-action='reprocess']"));
    }

    [Fact]
    public void Dismissing_an_error_without_a_reason_says_so_on_the_field_and_sends_nothing_then_sends_the_reason()
    {
        var row = Row("Z1", AdtMessageStatus.Rejected, "AE", error: "Venue inconnue");
        _sender
            .On<GetAdtMessageQuery, AdtMessageDetail>(_ => new AdtMessageDetail(row, "MSH|^~\\&\r", "MSA|AE|Z1\r", null, null))
            .On<DismissAdtMessageCommand, bool>(_ => true);

        var page = RenderMessage(row.Id);
        page.WaitForElement("form[data-form='dismiss']").Submit();

        page.WaitForAssertion(() => Assert.Contains("Indiquer le motif pour écarter ce message.", page.Find("[data-field='Reason']").TextContent, StringComparison.Ordinal));
        Assert.Empty(_sender.SentOf<DismissAdtMessageCommand>());

        page.Find("#dismiss-reason").Input("Doublon envoyé par erreur.");
        Assert.DoesNotContain("Indiquer le motif", page.Find("[data-field='Reason']").TextContent, StringComparison.Ordinal);
        page.Find("form[data-form='dismiss']").Submit();

        page.WaitForAssertion(() => Assert.Equal(new DismissAdtMessageCommand(row.Id, "Doublon envoyé par erreur."), Assert.Single(_sender.SentOf<DismissAdtMessageCommand>())));
        page.WaitForAssertion(() => Assert.Contains("Message écarté", page.Find("[data-outcome]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Reprocessing_sends_the_command_and_says_the_new_outcome()
    {
        var row = Row("Z1", AdtMessageStatus.Rejected, "AE", error: "Venue inconnue");
        _sender
            .On<GetAdtMessageQuery, AdtMessageDetail>(_ => new AdtMessageDetail(row, "MSH|^~\\&\r", "MSA|AE|Z1\r", null, null))
            .On<ReprocessAdtMessageCommand, AdtReprocessResult>(_ => new AdtReprocessResult(AdtMessageStatus.Applied, AdtAckCode.AA, "Admission", null));

        var page = RenderMessage(row.Id);
        page.WaitForElement("[data-action='reprocess']").Click();

        page.WaitForAssertion(() => Assert.Equal(new ReprocessAdtMessageCommand(row.Id), Assert.Single(_sender.SentOf<ReprocessAdtMessageCommand>())));
        page.WaitForAssertion(() => Assert.Contains("Retraité : Intégré (AA).", page.Find("[data-outcome]").TextContent, StringComparison.Ordinal));
    }

    private IRenderedComponent<InterfaceMonitor> RenderMonitor()
    {
        Render(Providers);
        return Render<InterfaceMonitor>();
    }

    private IRenderedComponent<AdtMessageView> RenderMessage(Guid id)
    {
        Render(Providers);
        return Render<AdtMessageView>(parameters => parameters.Add(p => p.MessageId, id));
    }

    private static AdtJournalRow Row(string controlId, AdtMessageStatus status, string ack, string? summary = null, string? error = null, int? errorCode = null) =>
        new(Guid.CreateVersion7(), Received, Received, "GAM", "CHRIV", controlId, "ADT", "A01", status, ack, "BR12", summary, error, errorCode, 1);

    private sealed class HealthyService : HealthCheckService
    {
        public override Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default) =>
            Task.FromResult(new HealthReport(
                new Dictionary<string, HealthReportEntry> { ["database"] = new(HealthStatus.Healthy, null, TimeSpan.FromMilliseconds(3), null, null) },
                TimeSpan.FromMilliseconds(3)));
    }
}
