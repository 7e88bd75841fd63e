using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.SignIn;

/// <summary>The demo sign-in page and the account pages on a phone and on a desktop.</summary>
public sealed class SignInPageTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 900)]
    public async Task The_sign_in_page_fits_the_screen_and_its_demo_users_are_large_targets(int width, int height)
    {
        var page = await server.NewPageAsync(width: width, height: height);

        await page.GotoAsync("/account/signin");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Connexion");
        var first = page.Locator("button[data-login]").First;
        await Expect(first).ToBeVisibleAsync();
        var box = (await first.BoundingBoxAsync())!;
        Assert.True(box.Height >= 44, $"a demo user is a large touch target ({box.Height} px high)");
        await AssertFitsAsync(page, width);
        await PortalPages.ScreenshotAsync(page, $"signin-{width}");
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 900)]
    public async Task A_refused_sign_in_and_an_unknown_address_say_so_with_a_way_back(int width, int height)
    {
        var page = await server.NewPageAsync(width: width, height: height);

        await page.GotoAsync("/account/signin-failed?reason=state-mismatch");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Connexion refusée");
        await AssertFitsAsync(page, width);
        await PortalPages.ScreenshotAsync(page, $"signin-failed-{width}");
        await page.Locator("a[data-action='retry']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Connexion");

        await page.GotoAsync("/account/signed-out");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Vous êtes déconnecté");
        await AssertFitsAsync(page, width);
        await PortalPages.ScreenshotAsync(page, $"signed-out-{width}");
    }

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"the page fits a {width} px screen (scroll width {scrollWidth})");
    }
}
