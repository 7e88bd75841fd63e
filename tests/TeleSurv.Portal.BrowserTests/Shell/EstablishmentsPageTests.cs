using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Shell;

public sealed class EstablishmentsPageTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task The_unit_number_an_admin_saves_is_the_one_the_patient_page_shows_and_a_short_one_is_refused_on_the_field()
    {
        var admin = await server.NewPageAsync();
        await PortalPages.SignInAsync(admin, DemoSeed.AdminLogin);
        await admin.GotoAsync("/admin/establishments");
        await PortalPages.WaitForCircuitAsync(admin);
        // MudTable writes its own rows: the establishment's code sits on the row's first cell.
        var rivemont = admin.Locator($"tr:has(td[data-establishment='{DemoSeed.RivemontCode}'])");
        var phone = rivemont.Locator("input[type='tel']");
        await Expect(phone).ToHaveValueAsync(DemoSeed.RivemontUnitPhone);

        await phone.FillAsync("02 61 91");
        await rivemont.Locator("[data-save]").ClickAsync();
        await Expect(rivemont.Locator(".mud-input-helper-text.mud-input-error")).ToContainTextAsync("02 61 91 00 11");
        await Expect(phone).ToHaveAttributeAsync("aria-invalid", "true");

        await phone.FillAsync("02.61.91.00.99");
        await rivemont.Locator("[data-save]").ClickAsync();
        await Expect(rivemont.Locator($"[data-state-for='{DemoSeed.RivemontCode}']")).ToContainTextAsync("Enregistré");
        await Expect(phone).ToHaveValueAsync("02 61 91 00 99");
        await Expect(rivemont.Locator(".mud-input-helper-text.mud-input-error")).ToHaveCountAsync(0);
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("Rivemont");

        var patient = await server.NewPageAsync(width: 390, height: 844);
        await patient.GotoAsync($"/p/{DemoSeed.DemoPatientToken}");
        await PortalPages.WaitForCircuitAsync(patient);
        await Expect(patient.Locator(".emergency-banner [data-unit-phone]")).ToContainTextAsync("02 61 91 00 99");
    }
}
