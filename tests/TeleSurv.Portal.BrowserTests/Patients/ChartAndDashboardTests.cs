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
        await page.Locator("tr:has([data-alert-id]):has(.symptom-name) a[data-open-alert]").First.ClickAsync();
        await page.Locator(".patient-banner a.banner-name").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/patients/[0-9a-f-]{36}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Dossier de");
        // Breadcrumbs: the chart sits under Patients, and the patient is the current page.
        var name = await page.Locator(".portal-breadcrumb-current[aria-current='page']").TextContentAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(name!);
        await Expect(page.Locator("[data-breadcrumbs] a.portal-breadcrumb-link")).ToHaveAttributeAsync("href", "/patients");
        var heatmap = page.Locator("figure.heatmap");
        await Expect(heatmap).ToBeVisibleAsync();
        Assert.True(await heatmap.Locator("td.heatmap-cell").CountAsync() > 0, "the heatmap has cells");
        await Expect(heatmap.Locator("td.heatmap-cell[data-grade]").First).ToBeVisibleAsync();
        await Expect(page.Locator("section.timeline-week li.timeline-entry[data-kind='Alert']").First).ToBeVisibleAsync();
        await Expect(page.Locator("section.timeline-week li.timeline-entry[data-kind='Response']").First).ToBeVisibleAsync();
        await AssertWeekHeadersApartAsync(heatmap);
        await PortalPages.ScreenshotAsync(page, "patient-chart-desktop-1440");

        await PortalPages.WaitForCircuitAsync(page);
        await page.Locator("button[data-heatmap-weeks='26']").ClickAsync();
        await Expect(page.Locator("#heatmap-heading")).ToHaveTextAsync("Symptômes sur 26 semaines");
        await Expect(page.Locator("button[data-heatmap-weeks='26']")).ToHaveAttributeAsync("aria-pressed", "true");
        await AssertWeekHeadersApartAsync(heatmap);

        // The timeline narrowed to the alerts: every entry listed is one.
        await page.Locator(".mud-chip[data-timeline-kind='Alert']").ClickAsync();
        await Expect(page.Locator("li.timeline-entry[data-kind='Response']")).ToHaveCountAsync(0);
        await Expect(page.Locator("li.timeline-entry[data-kind='Alert']").First).ToBeVisibleAsync();

        // On a phone the grid scrolls within itself, the page does not.
        await PortalPages.AssertFitsAPhoneAsync(page, "the chart");
        await AssertWeekHeadersApartAsync(heatmap);
        await PortalPages.ScreenshotAsync(page, "patient-chart-phone-390");
        await page.SetViewportSizeAsync(1440, 900);

        // On paper: the buttons go, the heatmap stays.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator(".chart-print")).ToBeHiddenAsync();
        await Expect(heatmap).ToBeVisibleAsync();
        await PortalPages.ScreenshotAsync(page, "patient-chart-print");
    }

    [Fact]
    public async Task On_the_chart_the_nurse_sets_an_expected_level_for_a_symptom_and_cancels_it()
    {
        var page = await server.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoSeed.IdeLogin);
        await page.Locator("tr:has([data-alert-id]):has(.symptom-name) a[data-open-alert]").First.ClickAsync();
        await page.Locator(".patient-banner a.banner-name").ClickAsync();
        var panel = page.Locator("section.expected-levels").First;
        await Expect(panel).ToBeVisibleAsync();
        await PortalPages.WaitForCircuitAsync(page);

        // Without a reason the level is refused, in plain words under the field, and nothing is saved.
        await ChooseAsync(page, panel.Locator(".expected-item"), "Fatigue");
        await panel.Locator("button[data-action='set-level']").ClickAsync();
        await Expect(panel.Locator(".expected-reason .mud-input-helper-text")).ToContainTextAsync("Indiquez le motif");
        await Expect(panel.Locator("li[data-expected-level='fatigue']")).ToHaveCountAsync(0);

        await ChooseAsync(page, panel.Locator(".expected-grade"), "2");
        await panel.Locator(".expected-days input").FillAsync("10");
        await panel.Locator(".expected-reason input").FillAsync("Asthénie attendue après la cure");
        await panel.Locator("button[data-action='set-level']").ClickAsync();

        var level = panel.Locator("li[data-expected-level='fatigue']");
        await Expect(level).ToContainTextAsync("jusqu'au grade 2");
        await Expect(level).ToContainTextAsync("Asthénie attendue après la cure");
        await Expect(level).ToContainTextAsync("Julien Bernard");

        // The level survives a reload: it is stored, not only shown.
        await page.ReloadAsync();
        await PortalPages.WaitForCircuitAsync(page);
        level = page.Locator("section.expected-levels li[data-expected-level='fatigue']");
        await Expect(level).ToBeVisibleAsync();
        await level.Locator("button").ClickAsync();
        await Expect(page.Locator("section.expected-levels li[data-expected-level='fatigue']")).ToHaveCountAsync(0);
        await Expect(page.Locator("section.expected-levels [role='status']").First).ToContainTextAsync("Niveau attendu annulé");
    }

    [Fact]
    public async Task The_dashboard_shows_the_figures_of_the_period_and_the_weekly_volume()
    {
        var page = await server.NewPageAsync(width: 390, height: 844);
        await PortalPages.SignInAsync(page, DemoSeed.IpaLogin);
        await page.Locator("nav.portal-bottom-nav a[href='dashboard']").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Tableau de bord");
        foreach (var figure in new[] { "open", "sla", "first-action", "adherence" })
        {
            await Expect(page.Locator($"[data-figure='{figure}'] .card-value")).Not.ToBeEmptyAsync();
        }

        var volume = page.Locator("figure.volume");
        await Expect(volume).ToBeVisibleAsync();
        Assert.True(await volume.Locator("g.volume-week").CountAsync() >= 12, "twelve weeks by default");
        await PortalPages.WaitForCircuitAsync(page);
        await ChooseAsync(page, page.Locator(".dashboard-establishment"), "CH de Vallombre");
        await page.Locator("button[data-action='show-dashboard']").ClickAsync();
        await Expect(page.Locator("[data-figure='open'] .card-value")).Not.ToBeEmptyAsync();
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the dashboard fits a 390 px screen (scroll width {scrollWidth})");
        await PortalPages.ScreenshotAsync(page, "dashboard-phone-390");

        await page.SetViewportSizeAsync(1440, 900);
        await Expect(volume).ToBeVisibleAsync();
        await PortalPages.ScreenshotAsync(page, "dashboard-desktop-1440");
    }

    [Fact]
    public async Task The_nurse_finds_a_patient_in_the_list_and_opens_the_chart()
    {
        var page = await server.NewPageAsync(width: 390, height: 844);
        await PortalPages.SignInAsync(page, DemoSeed.IdeLogin);
        await page.GotoAsync("/patients");
        await PortalPages.WaitForCircuitAsync(page);

        await page.Locator("#patient-term").FillAsync("rousseau");
        await page.Locator("button[data-action='search']").ClickAsync();
        var link = page.Locator("a.patient-name", new PageLocatorOptions { HasText = DemoSeed.DemoPatientName });
        await Expect(link).ToBeVisibleAsync();
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the list fits a 390 px screen (scroll width {scrollWidth})");
        await PortalPages.ScreenshotAsync(page, "patients-phone-390");

        await page.SetViewportSizeAsync(1440, 900);
        await PortalPages.ScreenshotAsync(page, "patients-desktop-1440");
        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/patients/[0-9a-f-]{36}$"));
        // The chart is read before the page shows; a busy machine gives it longer than the default.
        await Expect(page.Locator("h1")).ToContainTextAsync(DemoSeed.DemoPatientName, new LocatorAssertionsToContainTextOptions { Timeout = 20_000 });
    }

    /// <summary>Opens a MudBlazor select and picks the option that reads exactly so.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.Locator(".mud-select-input, .mud-input-slot").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>No week header runs into the next: each day number ends before the next one starts.</summary>
    private static async Task AssertWeekHeadersApartAsync(ILocator heatmap)
    {
        var boxes = await heatmap.Locator("thead .heatmap-day").EvaluateAllAsync<double[][]>(
            "days => days.map(d => { const r = d.getBoundingClientRect(); return [r.left, r.right]; })");
        Assert.True(boxes.Length > 0, "the heatmap has week headers");
        for (var i = 1; i < boxes.Length; i++)
        {
            Assert.True(boxes[i - 1][1] <= boxes[i][0], $"week header {i} overlaps the one before ({boxes[i - 1][1]} > {boxes[i][0]})");
        }
    }
}
