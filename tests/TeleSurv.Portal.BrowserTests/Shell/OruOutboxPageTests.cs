using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Shell;

public sealed class OruOutboxPageTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task With_oru_switched_off_the_outbox_page_says_so_instead_of_showing_bare_zeros()
    {
        var admin = await server.NewPageAsync();
        await PortalPages.SignInAsync(admin, DemoSeed.AdminLogin);

        await admin.GotoAsync("/admin/oru");
        await PortalPages.WaitForCircuitAsync(admin);

        await Expect(admin.Locator("[data-oru-off]")).ToContainTextAsync("désactivé");
        await Expect(admin.Locator("[data-oru-off]")).ToContainTextAsync("Oru:Enabled");
    }
}
