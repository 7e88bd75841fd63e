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

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"),
            FullPage = true,
        });
}
