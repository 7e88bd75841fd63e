using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Patients;

public sealed class ChartAndDashboardTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task From_an_alert_the_nurse_opens_the_chart_with_its_heatmap_and_timeline_and_it_prints()
    {
        var page = await server.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoSeed.IdeLogin);
        await page.Locator("tr[data-alert-id]:has(.symptom-name) a[data-open-alert]").First.ClickAsync();
        await page.Locator(".patient-banner a.banner-name").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/patients/[0-9a-f-]{36}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Dossier de");
        var heatmap = page.Locator("figure.heatmap");
        await Expect(heatmap).ToBeVisibleAsync();
        Assert.True(await heatmap.Locator("g.heatmap-cell").CountAsync() > 0, "the heatmap has cells");
        await Expect(heatmap.Locator("g.heatmap-cell[data-grade]").First).ToBeVisibleAsync();
        await Expect(page.Locator("li.timeline-entry[data-kind='Alert']").First).ToBeVisibleAsync();
        await Expect(page.Locator("li.timeline-entry[data-kind='Response']").First).ToBeVisibleAsync();

        await page.Locator("button[data-heatmap-weeks='26']").ClickAsync();
        await Expect(page.Locator("#heatmap-heading")).ToHaveTextAsync("Symptômes sur 26 semaines");
        await Expect(page.Locator("button[data-heatmap-weeks='26']")).ToHaveAttributeAsync("aria-pressed", "true");

        // On paper: the buttons go, the heatmap stays.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator("button.chart-print")).ToBeHiddenAsync();
        await Expect(heatmap).ToBeVisibleAsync();
        await PortalPages.ScreenshotAsync(page, "patient-chart-print");
    }

    [Fact]
    public async Task The_dashboard_shows_the_figures_of_the_period_and_the_weekly_volume()
    {
        var page = await server.NewPageAsync(width: 390, height: 844);
        await PortalPages.SignInAsync(page, DemoSeed.IpaLogin);
        await page.Locator("nav.portal-nav a[href='dashboard']").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Tableau de bord");
        foreach (var figure in new[] { "open", "sla", "first-action", "adherence" })
        {
            await Expect(page.Locator($"[data-figure='{figure}'] .card-value")).Not.ToBeEmptyAsync();
        }

        var volume = page.Locator("figure.volume");
        await Expect(volume).ToBeVisibleAsync();
        Assert.True(await volume.Locator("g.volume-week").CountAsync() >= 12, "twelve weeks by default");
        await page.Locator("#dashboard-establishment").SelectOptionAsync(new SelectOptionValue { Label = "CH de Vallombre" });
        await page.Locator("button[data-action='show-dashboard']").ClickAsync();
        await Expect(page.Locator("[data-figure='open'] .card-value")).Not.ToBeEmptyAsync();
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the dashboard fits a 390 px screen (scroll width {scrollWidth})");
        await PortalPages.ScreenshotAsync(page, "dashboard-phone-390");
    }
}
