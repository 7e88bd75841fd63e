using Microsoft.Playwright;

namespace TeleSurv.Portal.BrowserTests.Support;

/// <summary>What a person does on the portal, in words the tests read well with.</summary>
public static class PortalPages
{
    /// <summary>Picks a demo user on the sign-in page and waits for the landing page's circuit.</summary>
    public static async Task SignInAsync(IPage page, string login)
    {
        await page.GotoAsync("/account/signin");
        await page.Locator($"button[data-login='{login}']").ClickAsync();
        await WaitForCircuitAsync(page);
    }

    /// <summary>The interactive circuit is up once the layout re-renders with data-interactive="true".</summary>
    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-interactive='true']").WaitForAsync();

    /// <summary>
    /// Resizes the page to a phone's width and checks that it fits without scrolling sideways, once its layout has
    /// followed the resize (the drawer gives way to the bottom bar when the layout hears of the new width).
    /// </summary>
    public static async Task AssertFitsAPhoneAsync(IPage page, string what, int width = 390, int height = 844)
    {
        await page.SetViewportSizeAsync(width, height);
        try
        {
            await page.WaitForFunctionAsync("width => document.documentElement.scrollWidth <= width", width, new PageWaitForFunctionOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            // Said below, with the width measured.
        }

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{what} fits a {width} px screen (scroll width {scrollWidth})");
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"),
            FullPage = true,
        });
}
