using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Enrolment;

public sealed class EnrolmentStoryTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task The_admin_enrols_a_patient_with_consent_issues_a_link_the_patient_opens_then_revokes_it_and_verifies_the_trail()
    {
        var admin = await server.NewPageAsync(width: 1440, height: 900);
        await PortalPages.SignInAsync(admin, DemoSeed.AdminLogin);
        await Expect(admin).ToHaveURLAsync(new Regex("/enrolment$"));
        await Expect(admin.Locator("tr [data-row-status]").First).ToBeVisibleAsync();
        await PortalPages.ScreenshotAsync(admin, "enrolment-list-desktop-1440");

        // Search: the patient is not known yet, so the admin creates them provisionally.
        await admin.Locator("[data-action='new-enrolment']").ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Inclure un patient");
        await admin.Locator("#enrol-term").FillAsync("FONTAINE Odile");
        await admin.Locator("[data-action='search']").ClickAsync();
        await Expect(admin.Locator("[data-empty='patients']")).ToContainTextAsync("Aucun patient ne correspond");
        await admin.Locator("[data-action='show-provisional']").ClickAsync();
        await Expect(admin.Locator("#p-birth-name")).ToHaveValueAsync("FONTAINE");
        await admin.Locator("#p-ipp").FillAsync("90017342");
        await SetDateAsync(admin, "#p-birth-date", "1961-09-14");
        // The INS is grouped as on the Carte Vitale once the field is left, and its check key checked there.
        await admin.Locator("#p-ins").FillAsync("261097511501208");
        await admin.Locator("#p-ins").PressAsync("Tab");
        await Expect(admin.Locator("#p-ins")).ToHaveValueAsync("2 61 09 75 115 012 08");
        await Expect(FieldOf(admin, "#p-ins"))
            .ToContainTextAsync("La clé de l'INS ne correspond pas");
        await admin.Locator("#p-ins").FillAsync("2 61 09 75 115 012 07");
        await admin.Locator("#p-ins").PressAsync("Tab");
        await Expect(FieldOf(admin, "#p-ins"))
            .Not.ToContainTextAsync("La clé de l'INS");
        await admin.Locator("[data-action='create-provisional']").ClickAsync();

        // Enrolment with consent; the questionnaire day is today in Paris, so that a questionnaire is open at once.
        // Creating the patient is an audited write: on a busy machine it may take longer than the default wait.
        await Expect(admin.Locator("#enrol-title")).ToContainTextAsync("FONTAINE Odile", new() { Timeout = 15_000 });
        var today = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Paris").DayOfWeek;
        await ChooseAsync(admin, "#e-day", CultureInfo.GetCultureInfo("fr-FR").DateTimeFormat.GetDayName(today));
        await ChooseAsync(admin, "#e-treatment", "Thérapie orale");
        await admin.Locator("#e-oncologist").ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await PortalPages.ScreenshotAsync(admin, "enrolment-new-desktop-1440");
        await admin.Locator("[data-action='enrol']").ClickAsync();
        await Expect(admin.Locator("#c-emergency-error")).ToBeVisibleAsync();
        await Expect(admin.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await admin.Locator("[data-field='InformedNotForEmergencies'] label").First.ClickAsync();
        await Expect(admin.Locator("#c-emergency-error")).ToHaveCountAsync(0);
        await admin.Locator("[data-action='enrol']").ClickAsync();
        var confirmation = admin.Locator(".mud-dialog");
        await Expect(confirmation).ToContainTextAsync("FONTAINE Odile");
        await confirmation.Locator("button", new() { HasText = "Enregistrer l'inclusion" }).ClickAsync();

        await Expect(admin).ToHaveURLAsync(new Regex("/enrolment/[0-9a-f-]{36}/[0-9a-f-]{36}"));
        await Expect(admin.Locator("[data-enrollment-status]")).ToHaveAttributeAsync("data-enrollment-status", "Active");
        await Expect(admin.Locator("[data-consent-decision]")).ToHaveAttributeAsync("data-consent-decision", "Given");

        // The link: shown once, to copy.
        await admin.Locator("[data-action='issue-link']").ClickAsync();
        var url = await admin.Locator("[data-link-url]").GetAttributeAsync("data-link-url");
        Assert.Matches("/p/[A-Za-z0-9_-]{43}$", url);
        await Expect(admin.Locator("[data-link-state='active']")).ToBeVisibleAsync();
        await PortalPages.ScreenshotAsync(admin, "enrolment-link-issued-desktop");
        await PortalPages.AssertFitsAPhoneAsync(admin, "the follow-up");
        await PortalPages.ScreenshotAsync(admin, "enrolment-detail-phone-390");
        await admin.SetViewportSizeAsync(1440, 900);

        var patient = await server.NewPageAsync(width: 390, height: 844);
        await patient.GotoAsync(url!);
        await PortalPages.WaitForCircuitAsync(patient);
        await Expect(patient.Locator("h1")).ToHaveTextAsync("Bonjour Odile");
        await Expect(patient.Locator("[data-action='start']")).ToBeVisibleAsync();

        await admin.Locator("[data-action='revoke-link']").ClickAsync();
        await Expect(admin.Locator("[data-link-state='none']")).ToBeVisibleAsync();
        await Expect(admin.Locator("[data-issued-link]")).ToHaveCountAsync(0);
        await patient.ReloadAsync();
        await Expect(patient.Locator("h1")).ToHaveTextAsync(new Regex("Ce lien n.est plus valable"));
        await Expect(patient.Locator("[data-action='start']")).ToHaveCountAsync(0);

        // The trail: what was just done is there, and the chain verifies.
        await admin.Locator("[data-action='patient-audit']").ClickAsync();
        await Expect(admin.Locator("h1")).ToHaveTextAsync("Journal d'audit");
        foreach (var action in new[] { "patient.create", "enrollment.create", "patient-link.issue", "patient-link.resolve", "patient-link.revoke" })
        {
            await Expect(admin.Locator($"td[data-action='{action}']").First).ToBeVisibleAsync();
        }

        await admin.Locator("#f-action").FillAsync("patient-link.");
        await admin.Locator("[data-action='filter']").ClickAsync();
        await Expect(admin.Locator("td[data-action='enrollment.create']")).ToHaveCountAsync(0);
        await Expect(admin.Locator("td[data-action='patient-link.revoke']")).ToHaveCountAsync(1);
        await admin.Locator("[data-action='verify']").ClickAsync();
        await Expect(admin.Locator("[data-verification]")).ToHaveAttributeAsync("data-verification", "intact");
        await PortalPages.ScreenshotAsync(admin, "audit-trail-verified-desktop");
    }

    [Theory]
    [InlineData("/enrolment")]
    [InlineData("/enrolment/new")]
    [InlineData("/admin/audit")]
    public async Task The_admin_screens_fit_a_390_px_phone(string path)
    {
        var page = await server.NewPageAsync(width: 390, height: 844);
        await PortalPages.SignInAsync(page, DemoSeed.AdminLogin);

        await page.GotoAsync(path);
        await PortalPages.WaitForCircuitAsync(page);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        await Expect(page.Locator(".loading-state")).ToHaveCountAsync(0);

        await PortalPages.ScreenshotAsync(page, "admin" + path.Replace('/', '-') + "-phone-390");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var widest = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
        Assert.True(scrollWidth <= 390, $"{path} fits a 390 px screen (scroll width {scrollWidth}; wider: {widest})");
    }

    [Fact]
    public async Task The_monthly_activity_downloads_as_a_french_excel_csv()
    {
        var page = await server.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoSeed.AdminLogin);
        await Expect(page.Locator("[data-action='export-activity']")).ToBeVisibleAsync();
        // The month just over is offered first: the one billed, and always within the demo's eight weeks of answers.
        var month = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await Expect(page.Locator("#activity-month")).ToHaveValueAsync(month);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-action='export-activity']").ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("FINESS;IPP;INS;Nom de naissance;Prénoms", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 1, "the demo patients answered last month");
        Assert.Matches($"^activite-[A-Z]+-{month}\\.csv$", download.SuggestedFilename);
    }

    // A MudSelect opens its options in a popover: click the field, then the option by its words.
    private static async Task ChooseAsync(IPage page, string input, string option)
    {
        await page.Locator(input).Locator("xpath=ancestor::div[contains(@class,'mud-select')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    // The whole field of an input: its label, the input and the message under it.
    private static ILocator FieldOf(IPage page, string input) =>
        page.Locator(input).Locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')][1]");

    // An editable MudDatePicker takes the date typed once the field is left.
    private static async Task SetDateAsync(IPage page, string input, string isoDate)
    {
        await page.Locator(input).FillAsync(isoDate);
        await page.Locator(input).PressAsync("Tab");
    }
}
