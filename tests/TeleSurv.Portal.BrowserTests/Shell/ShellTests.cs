using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
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
        var rows = page.Locator("tr[data-alert-id]");
        await Expect(rows.First).ToBeVisibleAsync();
        var urgent = page.Locator("button[data-filter-priority='Urgent']");
        await urgent.ClickAsync();

        // The circuit answered the click: the filter is pressed and every row left is urgent.
        await Expect(urgent).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("tr[data-alert-id] [data-priority]:not([data-priority='Urgent'])")).ToHaveCountAsync(0);
        Assert.True(await rows.CountAsync() > 0, "the demo data has urgent alerts at the nurse's establishment");
        await PortalPages.ScreenshotAsync(page, "alert-queue-desktop-urgent");
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

        var nav = page.Locator("nav.portal-nav");
        await Expect(nav).ToBeVisibleAsync();
        var box = await nav.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y + box.Height >= 844 - 1, $"the navigation sits at the bottom of the screen (y={box.Y}, h={box.Height})");
        Assert.True(box.Width <= 390, "the navigation fits the screen");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"nothing overflows sideways (scroll width {scrollWidth})");
        await Expect(page.Locator("tr[data-alert-id]").First).ToBeVisibleAsync();

        await PortalPages.ScreenshotAsync(page, "alert-queue-phone-390");
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
}
