using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Dashboard;
using TeleSurv.Portal.Web.Components.Dashboard;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Dashboard;

public sealed class DashboardPageTests : PortalComponentTest
{
    private static readonly EstablishmentOption Bellevue = new(Guid.CreateVersion7(), "CHB", "Hôpital de Bellevue");
    private static readonly EstablishmentOption Vallombre = new(Guid.CreateVersion7(), "CHV", "CH de Vallombre");

    private readonly RecordingSender _sender = new();
    private IReadOnlyList<EstablishmentOption> _establishments = [Bellevue, Vallombre];

    public DashboardPageTests()
    {
        _sender
            .On<ListMyEstablishmentsQuery, IReadOnlyList<EstablishmentOption>>(_ => _establishments)
            .On<GetDashboardQuery, DashboardFigures>(Figures);
        Services.AddSingleton<Mediator.ISender>(_sender);
        RenderPagesLive();
    }

    [Fact]
    public void The_figures_stand_in_cards_the_open_alerts_counted_by_priority_in_words()
    {
        var page = Render(Page);

        Assert.Equal("7", page.Find("[data-figure='open'] .card-value").TextContent);
        var urgent = page.Find("[data-priority-count='Urgent']");
        Assert.Contains("Urgente", urgent.TextContent, StringComparison.Ordinal);
        Assert.EndsWith("2", urgent.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("75 %", page.Find("[data-figure='sla'] .card-value").TextContent);
        Assert.Equal("—", page.Find("[data-figure='first-action'] .card-value").TextContent);
        Assert.Contains("Du 15/12/2025 au 08/03/2026", page.Find("[data-period]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_weekly_volume_has_its_figures_as_a_table_beside_the_bars()
    {
        var page = Render(Page);

        Assert.Equal(2, page.FindAll("g.volume-week").Count);
        var row = page.Find("tr[data-week-figures='2026-03-02']");
        Assert.Equal(["02/03/2026", "1", "2", "0", "0", "3"], row.Children.Select(c => c.TextContent));
        Assert.Equal("img", page.Find("svg.volume-svg").GetAttribute("role"));
    }

    [Fact]
    public async Task A_chosen_period_and_establishment_are_sent_as_one_query()
    {
        var page = Render(Page);

        var picker = page.FindComponent<MudDateRangePicker>();
        await page.InvokeAsync(() => picker.Instance.DateRangeChanged.InvokeAsync(new DateRange(new DateTime(2026, 1, 1), new DateTime(2026, 1, 31))));
        var establishment = page.FindComponent<MudSelect<Guid?>>();
        await page.InvokeAsync(() => establishment.Instance.ValueChanged.InvokeAsync(Vallombre.EstablishmentId));
        page.Find("form.dashboard-filters").Submit();

        var last = _sender.SentOf<GetDashboardQuery>().Last();
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), Vallombre.EstablishmentId), (last.From, last.To, last.EstablishmentId));
    }

    [Fact]
    public async Task A_period_the_query_refuses_is_said_under_the_period_and_the_figures_stay()
    {
        var page = Render(Page);

        var picker = page.FindComponent<MudDateRangePicker>();
        await page.InvokeAsync(() => picker.Instance.DateRangeChanged.InvokeAsync(new DateRange(new DateTime(2024, 1, 1), new DateTime(2026, 1, 31))));
        page.Find("form.dashboard-filters").Submit();

        Assert.Contains("La période dure au plus 366 jours", page.Find(".dashboard-range .mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("7", page.Find("[data-figure='open'] .card-value").TextContent);
        Assert.Empty(page.FindAll("[role='alert']"));
    }

    [Fact]
    public void A_user_of_one_establishment_is_not_asked_to_choose_one()
    {
        _establishments = [Bellevue];

        var page = Render(Page);

        Assert.Empty(page.FindComponents<MudSelect<Guid?>>());
        Assert.NotNull(page.Find("[data-figure='open']"));
    }

    private static DashboardFigures Figures(GetDashboardQuery query)
    {
        if (query.From is { } from && query.To is { } to && to.DayNumber - from.DayNumber >= GetDashboardQuery.MaxDays)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["To"] = ["too long"] });
        }

        return new DashboardFigures(
            query.From ?? new DateOnly(2025, 12, 15), query.To ?? new DateOnly(2026, 3, 8),
            new AlertCountsByPriority(2, 3, 1, 1), 12, new Ratio(3, 4), null, 0, new Ratio(8, 10), [],
            [new WeeklyAlertVolume(new DateOnly(2026, 2, 23), 0, 1, 1, 0), new WeeklyAlertVolume(new DateOnly(2026, 3, 2), 1, 2, 0, 0)]);
    }

    private static readonly RenderFragment Page = builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<DashboardPage>(1);
        builder.CloseComponent();
    };
}
