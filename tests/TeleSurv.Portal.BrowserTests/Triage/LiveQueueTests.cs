using System.Globalization;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Triage;

public sealed class LiveQueueTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task An_alert_raised_through_the_patient_api_appears_in_an_open_queue_without_a_reload()
    {
        var nurse = await server.NewPageAsync();
        await PortalPages.SignInAsync(nurse, DemoSeed.IdeLogin);
        await Expect(nurse.Locator("[data-live='true']")).ToBeVisibleAsync();
        var openBefore = int.Parse((await nurse.Locator("[data-open-count]").GetAttributeAsync("data-open-count"))!, CultureInfo.InvariantCulture);
        var countsBefore = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var level in (string[])["Urgent", "High", "Medium", "Low"])
        {
            countsBefore[level] = int.Parse(await nurse.Locator($"[data-count='{level}']").InnerTextAsync(), CultureInfo.InvariantCulture);
        }

        // A marker that a reload would lose: the queue must change under it, in the same document.
        await nurse.EvaluateAsync("() => window.__sameDocument = true");

        using var patient = new PatientApiClient(server.BaseAddress, DemoSeed.DemoPatientToken);
        var answer = await patient.SubmitAsync(await patient.OpenWeekAsync(), temperatureCelsius: 38.6m);
        var alertId = answer["alert"]?["id"]?.GetValue<string>();
        var priority = answer["alert"]?["priority"]?.GetValue<string>();
        Assert.NotNull(alertId);
        Assert.NotNull(priority);
        priority = char.ToUpperInvariant(priority[0]) + priority[1..];

        await Expect(nurse.Locator($"tr:has([data-alert-id='{alertId}'])")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(nurse.Locator("[data-open-count]")).ToHaveAttributeAsync(
            "data-open-count", (openBefore + 1).ToString(CultureInfo.InvariantCulture), new() { Timeout = 5_000 });
        await Expect(nurse.Locator($"[data-count='{priority}']")).ToHaveTextAsync(
            (countsBefore[priority] + 1).ToString(CultureInfo.InvariantCulture));
        var word = (await nurse.Locator($"tr:has([data-alert-id='{alertId}']) [data-priority]").InnerTextAsync()).Trim().ToLower(CultureInfo.GetCultureInfo("fr-FR"));
        await Expect(nurse.Locator(".mud-snackbar")).ToContainTextAsync($"Nouvelle alerte {word} : ");
        Assert.True(await nurse.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The queue was reloaded.");
        await Expect(nurse.Locator("[data-live='true']")).ToBeVisibleAsync();
    }
}
