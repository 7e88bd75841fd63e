using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Shell;

public sealed class ShellTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task The_demo_nurse_signs_in_reaches_the_queue_and_filters_it_live()
    {
        var page = await server.NewPageAsync();

        await PortalPages.SignInAsync(page, "ide.bernard");

        await Expect(page).ToHaveURLAsync(new Regex("/alerts$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("File d'alertes");
        var rows = page.Locator("tr:has([data-alert-id])");
        await Expect(rows.First).ToBeVisibleAsync();
        var urgent = page.Locator("button[data-filter-priority='Urgent']");
        await urgent.ClickAsync();

        // The circuit answered the click: the filter is pressed and every row left is urgent.
        await Expect(urgent).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("tr:has([data-alert-id]) [data-priority]:not([data-priority='Urgent'])")).ToHaveCountAsync(0);
        Assert.True(await rows.CountAsync() > 0, "the demo data has urgent alerts at the nurse's establishment");
        await PortalPages.ScreenshotAsync(page, "alert-queue-desktop-urgent");
    }

    [Fact]
    public async Task The_symptom_and_status_filters_chosen_are_kept_across_a_reload_and_shown_selected()
    {
        var page = await server.NewPageAsync();
        await PortalPages.SignInAsync(page, "ide.bernard");
        await Expect(page.Locator("tr:has([data-alert-id])").First).ToBeVisibleAsync();
        await PortalPages.WaitForCircuitAsync(page);

        // Each choice is stored by the server in the browser's storage, encrypted: its value changes once stored.
        var stored = await StoredQueueFiltersAsync(page);
        await page.Locator("select[data-filter='symptom']").SelectOptionAsync("nausea");
        stored = await WaitForStoredQueueFiltersOtherThanAsync(page, stored);
        await page.Locator("select[data-filter='status']").SelectOptionAsync("Open");
        await WaitForStoredQueueFiltersOtherThanAsync(page, stored);
        await Expect(page.Locator("tr:has([data-alert-id]) [data-status]:not([data-status='Open'])")).ToHaveCountAsync(0);

        await page.ReloadAsync();

        var symptom = page.Locator("select[data-filter='symptom']");
        await Expect(symptom).ToHaveValueAsync("nausea");
        await Expect(symptom.Locator("option:checked")).ToHaveTextAsync("Nausées");
        await Expect(page.Locator("select[data-filter='status'] option:checked")).ToHaveTextAsync("Nouvelle");
        await Expect(page.Locator("tr:has([data-alert-id]) [data-status]:not([data-status='Open'])")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Switching_language_translates_the_page_and_the_choice_persists()
    {
        var page = await server.NewPageAsync();
        await PortalPages.SignInAsync(page, "ide.bernard");
        await Expect(page.Locator("h1")).ToHaveTextAsync("File d'alertes");

        await page.Locator(".language-switch button[data-culture='en-GB']").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Alert queue");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await PortalPages.WaitForCircuitAsync(page);
        await page.GotoAsync("/patients");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Patients");
        await Expect(page.Locator("label[for='patient-term']")).ToHaveTextAsync("Find a patient");
    }

    [Fact]
    public async Task At_phone_width_the_navigation_is_a_bottom_bar_and_the_queue_is_readable()
    {
        var page = await server.NewPageAsync(width: 390, height: 844);
        await PortalPages.SignInAsync(page, "ipa.martin");

        var nav = page.Locator("nav.portal-bottom-nav");
        await Expect(nav).ToBeVisibleAsync();
        await Expect(page.Locator(".portal-drawer")).ToBeHiddenAsync();
        var box = await nav.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y + box.Height >= 844 - 1, $"the navigation sits at the bottom of the screen (y={box.Y}, h={box.Height})");
        Assert.True(box.Width <= 390, "the navigation fits the screen");
        await AssertNoSidewaysScrollAsync(page, 390);
        await Expect(page.Locator("tr:has([data-alert-id])").First).ToBeVisibleAsync();
        await PortalPages.ScreenshotAsync(page, "alert-queue-phone-390");

        // Every entry is reachable from the bar: the last one opens its page.
        await nav.Locator("a[href='dashboard']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(nav.Locator("a[href='dashboard']")).ToHaveClassAsync(new Regex("\\bactive\\b"));
        await AssertNoSidewaysScrollAsync(page, 390);
    }

    [Fact]
    public async Task At_phone_width_an_admin_reaches_every_page_from_the_bar_without_the_page_scrolling_sideways()
    {
        var page = await server.NewPageAsync(width: 390, height: 844);
        await PortalPages.SignInAsync(page, DemoSeed.AdminLogin);

        var nav = page.Locator("nav.portal-bottom-nav");
        var last = nav.Locator("a[href='admin/establishments']");
        await last.ScrollIntoViewIfNeededAsync();
        await last.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/establishments$"));
        await Expect(last).ToHaveAttributeAsync("aria-current", "page");
        await Expect(nav.Locator("[aria-current='page']")).ToHaveCountAsync(1);
        await AssertNoSidewaysScrollAsync(page, 390);
        await PortalPages.ScreenshotAsync(page, "establishments-phone-390");
    }

    [Fact]
    public async Task At_desktop_width_the_drawer_holds_the_navigation_beside_the_page()
    {
        var page = await server.NewPageAsync(width: 1440, height: 900);
        await PortalPages.SignInAsync(page, "ipa.martin");

        var drawer = page.Locator(".portal-drawer nav.portal-nav");
        await Expect(drawer).ToBeVisibleAsync();
        await Expect(page.Locator("nav.portal-bottom-nav")).ToBeHiddenAsync();
        var drawerBox = await drawer.BoundingBoxAsync();
        var mainBox = await page.Locator("main#main-content").BoundingBoxAsync();
        Assert.NotNull(drawerBox);
        Assert.NotNull(mainBox);
        Assert.True(mainBox.X >= drawerBox.X + drawerBox.Width - 1, $"the page starts right of the drawer (main x={mainBox.X}, drawer right={drawerBox.X + drawerBox.Width})");
        await AssertNoSidewaysScrollAsync(page, 1440);
        await PortalPages.ScreenshotAsync(page, "alert-queue-desktop-1440");

        await drawer.Locator("a[href='escalations']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/escalations$"));
        await Expect(drawer.Locator("a[href='escalations']")).ToHaveClassAsync(new Regex("\\bactive\\b"));
        await Expect(drawer.Locator("a[href='escalations']")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(drawer.Locator("a[href='alerts']")).Not.ToHaveClassAsync(new Regex("\\bactive\\b"));
        await AssertNoSidewaysScrollAsync(page, 1440);
    }

    [Fact]
    public async Task The_dark_look_is_remembered_for_the_user_and_the_pages_stay_readable_in_it()
    {
        var page = await server.NewPageAsync(width: 1440, height: 900);
        await PortalPages.SignInAsync(page, DemoSeed.AdminLogin);
        await page.GotoAsync("/admin/sessions");
        await PortalPages.WaitForCircuitAsync(page);
        var shell = page.Locator(".portal-shell");
        await Expect(shell).ToHaveAttributeAsync("data-theme", "light");

        await page.Locator("[data-theme-toggle]").ClickAsync();

        await Expect(shell).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.Locator("[data-theme-toggle]")).ToHaveAttributeAsync("aria-pressed", "true");
        await AssertReadableAsync(page, "h1");
        await PortalPages.ScreenshotAsync(page, "sessions-desktop-1440-dark");

        // A new page from the server comes dark from its first byte: the cookie is the user's own.
        await page.GotoAsync("/admin/establishments");
        await Expect(shell).ToHaveAttributeAsync("data-theme", "dark");
        await PortalPages.WaitForCircuitAsync(page);
        await AssertReadableAsync(page, "h1");
        await AssertReadableAsync(page, "td[data-establishment]");
        await PortalPages.ScreenshotAsync(page, "establishments-desktop-1440-dark");

        // A page still on the portal's own stylesheet keeps its text readable on the dark background.
        await page.GotoAsync("/patients");
        await PortalPages.WaitForCircuitAsync(page);
        await AssertReadableAsync(page, "h1");
        await AssertReadableAsync(page, "label[for='patient-term']");
        await PortalPages.ScreenshotAsync(page, "patients-desktop-1440-dark");

        // Another user on the same browser gets their own look, the light one.
        var other = await page.Context.NewPageAsync();
        await PortalPages.SignInAsync(other, "ide.bernard");
        await Expect(other.Locator(".portal-shell")).ToHaveAttributeAsync("data-theme", "light");
    }

    [Fact]
    public async Task Keyboard_users_can_skip_to_the_content_and_see_where_the_focus_is()
    {
        var page = await server.NewPageAsync();
        await PortalPages.SignInAsync(page, "ide.bernard");

        // Navigation puts the keyboard focus on the page's heading, so reading starts with the content.
        await Expect(page.Locator("h1")).ToBeFocusedAsync();

        // The skip link shows itself when it receives the focus, with a visible outline, and leads to the content.
        var skip = page.Locator("a.skip-link");
        await skip.FocusAsync();
        var box = await skip.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.Y >= 0, $"the focused skip link is on screen ({box.X}, {box.Y})");
        var outline = await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.NotEqual("none", outline);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main-content")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task The_oncologist_lands_on_the_escalations_and_cannot_open_the_admin_pages()
    {
        var page = await server.NewPageAsync();
        await PortalPages.SignInAsync(page, "onco.lefevre");

        await Expect(page).ToHaveURLAsync(new Regex("/escalations$"));
        await Expect(page.Locator("nav.portal-nav a[href='enrolment']")).ToHaveCountAsync(0);
        await page.GotoAsync("/enrolment");
        await Expect(page).ToHaveURLAsync(new Regex("/account/denied"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Accès refusé");
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"nothing overflows sideways (scroll width {scrollWidth} at {width} px)");
    }

    /// <summary>The element's text against the page's background: at least the 4.5:1 contrast of WCAG AA.</summary>
    private static async Task AssertReadableAsync(IPage page, string selector)
    {
        var contrast = await page.Locator(selector).First.EvaluateAsync<double>(
            """
            e => {
                const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
                const background = el => {
                    for (; el; el = el.parentElement) {
                        const c = getComputedStyle(el).backgroundColor;
                        const parts = c.match(/[\d.]+/g);
                        if (parts && (parts.length < 4 || Number(parts[3]) > 0)) return rgb(c);
                    }
                    return [255, 255, 255];
                };
                const luminance = ([r, g, b]) => {
                    const l = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                    return 0.2126 * l(r) + 0.7152 * l(g) + 0.0722 * l(b);
                };
                const a = luminance(rgb(getComputedStyle(e).color)), b = luminance(background(e));
                return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            }
            """);
        Assert.True(contrast >= 4.5, $"'{selector}' is readable (contrast {contrast:F2}:1)");
    }

    private const string StoredQueueFiltersScript =
        "() => { const key = Object.keys(localStorage).find(k => k.startsWith('telesurv.queue-filters.')); return key ? localStorage.getItem(key) : null; }";

    private static Task<string?> StoredQueueFiltersAsync(IPage page) => page.EvaluateAsync<string?>(StoredQueueFiltersScript);

    private static async Task<string?> WaitForStoredQueueFiltersOtherThanAsync(IPage page, string? before)
    {
        await page.WaitForFunctionAsync($"before => ({StoredQueueFiltersScript})() !== before", before);
        return await StoredQueueFiltersAsync(page);
    }
}
