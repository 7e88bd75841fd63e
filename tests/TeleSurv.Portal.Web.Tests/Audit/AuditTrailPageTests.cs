using Bunit;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Auditing;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Web.Components.Audit;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Audit;

public sealed class AuditTrailPageTests : PortalComponentTest
{
    private static readonly Guid Patient = Guid.Parse("0193a1b2-0000-7000-8000-000000000001");

    private static readonly AuditEntryRow Claim = new(
        41, new DateTime(2026, 12, 7, 8, 30, 0, DateTimeKind.Utc), "Claire Martin", "Ipa", Guid.CreateVersion7(), Guid.CreateVersion7(), "RIV",
        "alert.claim", "Alert", "0193a1b2-0000-7000-8000-0000000000aa", Patient, "ROUSSEAU Hélène", AuditOutcome.Success, null);

    private static readonly AuditEntryRow Guess = new(
        42, new DateTime(2026, 7, 1, 22, 15, 0, DateTimeKind.Utc), "patient link", null, null, null, null,
        "patient-link.refused-burst", null, null, null, null, AuditOutcome.Denied, "120 further patient links refused from 203.0.113.7");

    private AuditChainVerification _verification = AuditChainVerification.Intact(42);

    private readonly RecordingSender _sender = new();

    public AuditTrailPageTests()
    {
        _sender
            .On<SearchAuditTrailQuery, PagedResult<AuditEntryRow>>(_ => new PagedResult<AuditEntryRow>([Guess, Claim], 2, 1, 50))
            .On<VerifyAuditTrailQuery, AuditChainVerification>(_ => _verification);
        Services.AddSingleton<ISender>(_sender);
        Services.AddSingleton(Options.Create(new ScheduleOptions { TimeZoneId = "Europe/Paris" }));
        RenderPagesLive();
    }

    [Fact]
    public void Times_are_shown_in_the_care_teams_time_zone_which_the_header_names()
    {
        var page = Render(Page);

        Assert.Contains("Heure (Europe/Paris)", page.Find("thead").TextContent, StringComparison.Ordinal);
        // Winter (UTC+1) and summer (UTC+2): the zone's rules, not a fixed offset.
        Assert.Equal("07/12/2026 09:30", Cell(page, 41).QuerySelector("time")!.TextContent);
        Assert.Equal("02/07/2026 00:15", Cell(page, 42).QuerySelector("time")!.TextContent);
        Assert.Equal("2026-12-07T08:30:00.0000000Z", Cell(page, 41).QuerySelector("time")!.GetAttribute("datetime"));
    }

    [Fact]
    public void Each_outcome_is_said_in_words_beside_its_icon_and_the_patient_is_named()
    {
        var page = Render(Page);

        var denied = page.Find("td[data-outcome='Denied']");
        Assert.Contains("Refusé", denied.TextContent, StringComparison.Ordinal);
        Assert.NotNull(denied.QuerySelector("svg"));
        Assert.Contains("Réussi", page.Find("td[data-outcome='Success']").TextContent, StringComparison.Ordinal);
        Assert.Contains("ROUSSEAU Hélène", page.Markup, StringComparison.Ordinal);
        Assert.Equal(["patient-link.refused-burst", "alert.claim"], page.FindAll("td[data-action]").Select(c => c.GetAttribute("data-action")));
    }

    [Fact]
    public void A_patient_id_that_is_not_one_is_said_on_its_field_and_nothing_is_searched()
    {
        var page = Render(Page);

        page.Find("#f-patient").Change("ROUSSEAU");
        page.Find("[data-action='filter']").Closest("form")!.Submit();

        Assert.Equal("true", page.Find("#f-patient").GetAttribute("aria-invalid"));
        Assert.Single(_sender.SentOf<SearchAuditTrailQuery>());
    }

    [Fact]
    public void The_filters_and_a_quick_action_are_sent_as_one_query_from_the_first_page()
    {
        var page = Render(Page);

        page.Find("#f-actor").Change("claire");
        page.Find("#f-patient").Change(Patient.ToString());
        page.Find("[data-action='filter']").Closest("form")!.Submit();
        page.Find("[data-action-prefix='alert.']").Click();

        var sent = _sender.SentOf<SearchAuditTrailQuery>().ToList();
        Assert.Equal(3, sent.Count);
        Assert.Equal(new AuditTrailFilter { Actor = "claire", PatientId = Patient }, sent[1].Filter);
        Assert.Equal(new AuditTrailFilter { Actor = "claire", PatientId = Patient, Action = "alert." }, sent[2].Filter);
        Assert.All(sent, query => Assert.Equal(1, query.Page));
        Assert.Contains($"patient={Patient}", page.Find("[data-action='export-audit']").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_trail_is_said_with_the_entry_its_checkpoint_names()
    {
        _verification = AuditChainVerification.Broken(AuditChainState.Truncated, 40, 57, "Checkpoint names entry 57.") with { CheckpointsChecked = 3 };
        var page = Render(Page);

        page.Find("[data-action='verify']").Click();

        var said = page.WaitForElement("[data-verification]");
        Assert.Equal("truncated", said.GetAttribute("data-verification"));
        Assert.Equal("alert", said.GetAttribute("role"));
        Assert.Contains("n° 57", said.TextContent, StringComparison.Ordinal);
        Assert.Equal("3", said.QuerySelector("[data-checkpoints]")!.GetAttribute("data-checkpoints"));
    }

    private static AngleSharp.Dom.IElement Cell<TComponent>(IRenderedComponent<TComponent> page, long sequence)
        where TComponent : IComponent => page.Find($"td[data-sequence='{sequence}']");

    private static readonly RenderFragment Page = builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<AuditTrailPage>(1);
        builder.CloseComponent();
    };
}
