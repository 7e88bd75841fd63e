using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.ExpectedLevels;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Patients;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Patients;

/// <summary>
/// Anne LEROY, followed weekly on Mondays; the week of Monday 9 March 2026 was answered at 00:30 in Paris that Monday
/// (still Sunday in UTC), raised an alert that a nurse claimed.
/// </summary>
public sealed class PatientChartPageTests : PortalComponentTest
{
    private static readonly Guid PatientId = Guid.CreateVersion7();
    private static readonly Guid EnrollmentId = Guid.CreateVersion7();
    private static readonly Guid AlertId = Guid.CreateVersion7();

    private static readonly TimelineEntry[] Entries =
    [
        Entry(new DateTime(2026, 3, 9, 9, 15, 0, DateTimeKind.Utc), TimelineEntryKind.Action, "Prise en charge", "Claimed", AlertId),
        Entry(new DateTime(2026, 3, 9, 9, 5, 0, DateTimeKind.Utc), TimelineEntryKind.Alert, "Alerte élevée : nausées", "High alert: nausea", AlertId),
        Entry(new DateTime(2026, 3, 8, 23, 30, 0, DateTimeKind.Utc), TimelineEntryKind.Response, "Questionnaire du 09/03/2026", "Questionnaire of 2026-03-09"),
        Entry(new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), TimelineEntryKind.Response, "Questionnaire du 02/03/2026", "Questionnaire of 2026-03-02"),
    ];

    private readonly RecordingSender _sender = new();

    public PatientChartPageTests()
    {
        _sender
            .On<GetPatientChartQuery, PatientChart>(Chart)
            .On<ListExpectedLevelsQuery, IReadOnlyList<ExpectedLevelRow>>(_ => []);
        Services.AddSingleton<Mediator.ISender>(_sender);
        Services.AddSingleton(Options.Create(new ScheduleOptions { TimeZoneId = "Europe/Paris" }));
        RenderPagesLive();
    }

    [Fact]
    public void The_timeline_is_grouped_by_week_in_the_care_teams_time_zone_newest_first()
    {
        var page = Render(Page);

        var weeks = page.FindAll("section.timeline-week");
        Assert.Equal(["2026-03-09", "2026-03-02"], weeks.Select(w => w.GetAttribute("data-week")));
        Assert.Equal("Semaine du 09/03/2026 au 15/03/2026", weeks[0].QuerySelector("h3")!.TextContent);
        // Answered at 00:30 on Monday in Paris: this week's, though still Sunday in UTC.
        Assert.Equal(
            [TimelineEntryKind.Action, TimelineEntryKind.Alert, TimelineEntryKind.Response],
            weeks[0].QuerySelectorAll("li.timeline-entry").Select(e => Enum.Parse<TimelineEntryKind>(e.GetAttribute("data-kind")!)));
        Assert.Single(weeks[1].QuerySelectorAll("li.timeline-entry"));
        Assert.Equal("Questionnaire", weeks[0].QuerySelector("li[data-kind='Response'] .timeline-kind")!.TextContent);
        Assert.Equal($"alerts/{AlertId}", weeks[0].QuerySelector("li[data-kind='Alert'] a")!.GetAttribute("href"));
    }

    [Fact]
    public void Choosing_kinds_of_event_reads_the_timeline_of_those_kinds_from_its_first_page()
    {
        var page = Render(Page);

        page.Find(".mud-chip[data-timeline-kind='Alert']").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("li.timeline-entry")));
        page.Find(".mud-chip[data-timeline-kind='Action']").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("li.timeline-entry").Count));

        var last = _sender.SentOf<GetPatientChartQuery>().Last();
        Assert.Equal([TimelineEntryKind.Alert, TimelineEntryKind.Action], last.TimelineKinds);
        Assert.Equal(1, last.Page);
        Assert.Equal(["Action", "Alert"], page.FindAll("li.timeline-entry").Select(e => e.GetAttribute("data-kind")));
        Assert.Contains("Événements des types choisis : 2", page.Find("[data-timeline-shown]").TextContent, StringComparison.Ordinal);

        page.Find(".mud-chip[data-timeline-kind='Alert']").Click();
        page.WaitForAssertion(() => Assert.Equal(["Action"], page.FindAll("li.timeline-entry").Select(e => e.GetAttribute("data-kind"))));
        page.Find(".mud-chip[data-timeline-kind='Action']").Click();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("li.timeline-entry").Count));

        Assert.Empty(_sender.SentOf<GetPatientChartQuery>().Last().TimelineKinds);
        Assert.Equal(4, page.FindAll("li.timeline-entry").Count);
    }

    [Fact]
    public void A_kind_with_no_event_says_so_instead_of_an_empty_list()
    {
        var page = Render(Page);

        page.Find(".mud-chip[data-timeline-kind='Movement']").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("li.timeline-entry")));
        Assert.Contains("Aucun événement de ces types", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_week_just_answered_is_the_heatmaps_current_column_and_the_banner_names_the_patient()
    {
        var page = Render(Page);

        var current = page.Find("thead th[data-current='true']");
        Assert.Equal(("2026-03-09", "true"), (current.GetAttribute("data-week"), current.GetAttribute("data-answered")));
        Assert.Equal("3", page.Find("tr[data-item='nausea'] td[data-week='2026-03-09']").GetAttribute("data-grade"));
        Assert.Equal("LEROY Anne", page.Find(".portal-breadcrumb-current").TextContent);
        Assert.Contains("INS qualifiée", page.Find("section.patient-banner [data-identity='Qualified']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_heatmap_period_is_read_with_the_same_timeline_filter()
    {
        var page = Render(Page);

        page.Find(".mud-chip[data-timeline-kind='Alert']").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("li.timeline-entry")));
        page.Find("button[data-heatmap-weeks='26']").Click();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("button[data-heatmap-weeks='26']").GetAttribute("aria-pressed")));

        var last = _sender.SentOf<GetPatientChartQuery>().Last();
        Assert.Equal((26, TimelineEntryKind.Alert), (last.HeatmapWeeks, Assert.Single(last.TimelineKinds)));
        Assert.Equal("true", page.Find("button[data-heatmap-weeks='26']").GetAttribute("aria-pressed"));
    }

    private static PatientChart Chart(GetPatientChartQuery query)
    {
        var entries = Entries.Where(e => query.TimelineKinds.Count == 0 || query.TimelineKinds.Contains(e.Kind)).ToList();
        var banner = new PatientBanner(
            PatientId, "LEROY Anne", new DateOnly(1958, 7, 1), 67, Sex.Female, "123456", "CHB", "258077512345678", IdentityStatus.Qualified,
            Guid.CreateVersion7(), "Hôpital de Bellevue", "CHB", EnrollmentId, EnrollmentStatus.Active, TreatmentType.IvChemotherapy, "FOLFOX",
            true, null, "Dr Paul Durand", "Hôpital de jour");
        var enrollment = new ChartEnrollment(
            EnrollmentId, banner.EstablishmentId, "Hôpital de Bellevue", EnrollmentStatus.Active, null, TreatmentType.IvChemotherapy, "FOLFOX",
            true, false, new DateOnly(2026, 1, 5), new DateOnly(2026, 6, 30), 1, DayOfWeek.Monday, ConsentDecision.Given, new DateOnly(2026, 1, 5),
            ConsentMethod.Paper, "Dr Paul Durand", "Hôpital de jour", new DateOnly(2026, 3, 16), 10, 3);
        var weeks = new[] { new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9) };
        var heatmap = new SymptomHeatmap(
            new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 10),
            [new HeatmapWeek(weeks[0], false), new HeatmapWeek(weeks[1], true), new HeatmapWeek(weeks[2], true)],
            [new HeatmapRow("nausea", new LocalizedText("Nausées", "Nausea"), [null, 2, 3])]);
        return new PatientChart(banner, [enrollment], new PagedResult<TimelineEntry>(entries, entries.Count, query.Page, query.PageSize), heatmap);
    }

    private static TimelineEntry Entry(DateTime at, TimelineEntryKind kind, string fr, string en, Guid? alertId = null) => new(
        at, kind, Guid.CreateVersion7(), alertId, new LocalizedText(fr, en),
        kind == TimelineEntryKind.Alert ? AlertPriority.High : null, kind == TimelineEntryKind.Alert ? AlertStatus.InProgress : null,
        null, null, null, kind == TimelineEntryKind.Action ? "Claire MARTIN" : null, kind == TimelineEntryKind.Action ? StaffRole.Ide : null, null);

    private static readonly RenderFragment Page = builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<PatientChartPage>(1);
        builder.AddAttribute(2, nameof(PatientChartPage.PatientId), PatientId);
        builder.CloseComponent();
    };
}
