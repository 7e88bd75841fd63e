using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.PatientQuestionnaire;

public sealed class PatientStoryTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_patient_answers_on_a_phone_and_the_nurse_sees_the_new_alert()
    {
        var nurse = await server.NewPageAsync();
        await PortalPages.SignInAsync(nurse, DemoSeed.IdeLogin);
        var openBefore = await OpenAlertCountAsync(nurse);

        var patient = await server.NewPageAsync(width: 390, height: 844);
        await patient.GotoAsync($"/p/{DemoSeed.DemoPatientToken}");
        await PortalPages.WaitForCircuitAsync(patient);
        await Expect(patient.Locator(".emergency-banner")).ToContainTextAsync("15");
        await Expect(patient.Locator(".emergency-banner [data-unit-phone]")).ToContainTextAsync(DemoSeed.RivemontUnitPhone);
        await patient.Locator("[data-action='start']").ClickAsync();
        await Expect(patient.Locator("section[data-step]")).ToBeVisibleAsync();

        // The first screen counts only the questions asked so far: none answered, no follow-up yet.
        var firstQuestions = QuestionnaireCatalog.Current.Items.Count + 4;
        await Expect(patient.Locator("[data-progress]")).ToHaveAttributeAsync("data-progress", $"0/{firstQuestions}");
        await ScreenshotBothWidthsAsync(patient, "patient-first-question");

        // Symptom screens: the worst answers for the first symptom, none for the others.
        var firstItem = QuestionnaireCatalog.Current.Items[0].Key + ".";
        var followUpShot = false;
        while (await patient.Locator("section[data-step*='.']").CountAsync() > 0)
        {
            var step = (await patient.Locator("section[data-step]").GetAttributeAsync("data-step"))!;
            if (!followUpShot && step.StartsWith(firstItem, StringComparison.Ordinal) && step != firstItem + QuestionnaireCatalog.Current.Items[0].Attributes[0])
            {
                // The follow-up question joined the total once the first answer asked it.
                await Expect(patient.Locator("[data-progress]")).ToHaveAttributeAsync("data-progress", $"1/{firstQuestions + 1}");
                await ScreenshotBothWidthsAsync(patient, "patient-follow-up");
                followUpShot = true;
            }

            var worst = step.EndsWith(".Presence", StringComparison.Ordinal) ? 1 : 4;
            var score = step.StartsWith(firstItem, StringComparison.Ordinal) ? worst : 0;
            var answer = patient.Locator($"section[data-step] button[data-score='{score}']");
            var height = (await answer.BoundingBoxAsync())!.Height;
            Assert.True(height >= 48, $"an answer is a large touch target ({height} px high)");
            await answer.ClickAsync();
            await Expect(patient.Locator("section[data-step]")).Not.ToHaveAttributeAsync("data-step", step);
        }

        Assert.True(followUpShot, "the first symptom's worst answer asks its follow-up question");
        await Expect(patient.Locator("section[data-step='Temperature']")).ToBeVisibleAsync();
        await patient.Locator("#temperature").FillAsync("38,6");
        await patient.Locator("[data-action='next']").ClickAsync();
        await Expect(patient.Locator("section[data-step='Weight']")).ToBeVisibleAsync();
        await patient.Locator("[data-action='next']").ClickAsync();
        await patient.Locator("button[data-urgent='yes']").ClickAsync();
        await Expect(patient.Locator("section[data-step='Comment']")).ToBeVisibleAsync();
        await patient.Locator("#comment").FillAsync("Fièvre depuis ce matin.");
        await patient.Locator("[data-action='next']").ClickAsync();

        await Expect(patient.Locator("section[data-step='Summary']")).ToBeVisibleAsync();
        await Expect(patient.Locator(".patient-summary")).ToContainTextAsync("38,6 °C");
        await ScreenshotBothWidthsAsync(patient, "patient-summary");
        var scrollWidth = await patient.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the patient page fits a 390 px screen (scroll width {scrollWidth})");
        await patient.Locator("[data-action='send']").ClickAsync();
        await Expect(patient.Locator("[data-sent='true']")).ToBeVisibleAsync();

        // 38.6 °C under capecitabine: suspected febrile neutropenia, urgent. The patient is told to call now, not to wait.
        var callNow = patient.Locator("[data-call-now='true']");
        await Expect(callNow).ToContainTextAsync("appelez maintenant le service d'oncologie au " + DemoSeed.RivemontUnitPhone);
        await Expect(callNow).ToContainTextAsync("N'attendez pas");
        await Expect(callNow.Locator("a[data-call-unit]")).ToHaveAttributeAsync("href", "tel:" + DemoSeed.RivemontUnitPhone.Replace(" ", "", StringComparison.Ordinal));
        await Expect(patient.Locator(".patient-followup")).ToHaveCountAsync(0);
        await ScreenshotBothWidthsAsync(patient, "patient-confirmation");

        // Grade 3 symptom, fever and the patient's own urgency: one alert, at the top of the nurse's queue.
        await nurse.ReloadAsync();
        await PortalPages.WaitForCircuitAsync(nurse);
        Assert.Equal(openBefore + 1, await OpenAlertCountAsync(nurse));
        await Expect(nurse.Locator("tr:has([data-alert-id])").Filter(new() { HasText = DemoSeed.DemoPatientName }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_unknown_link_says_so_without_a_questionnaire()
    {
        var patient = await server.NewPageAsync(width: 390, height: 844);

        await patient.GotoAsync("/p/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

        await Expect(patient.Locator("h1")).ToHaveTextAsync(new Regex("Ce lien n.est plus valable"));
        await Expect(patient.Locator("[data-action='start']")).ToHaveCountAsync(0);
    }

    /// <summary>The patient's screen as a phone shows it, then on a desktop, back on the phone after.</summary>
    private static async Task ScreenshotBothWidthsAsync(IPage patient, string name)
    {
        await PortalPages.ScreenshotAsync(patient, name + "-390");
        await patient.SetViewportSizeAsync(1440, 900);
        await PortalPages.ScreenshotAsync(patient, name + "-1440");
        await patient.SetViewportSizeAsync(390, 844);
    }

    private static async Task<int> OpenAlertCountAsync(IPage page)
    {
        var text = await page.Locator("[data-open-count]").GetAttributeAsync("data-open-count");
        return int.Parse(text!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
