using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Triage;

public sealed class TriageStoryTests(PortalServer server) : IClassFixture<PortalServer>
{
    /// <summary>How long a change may take to reach another open page: the issue asks for one second; the margin is for a loaded CI machine.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions Live = new() { Timeout = 5_000 };

    [Fact]
    public async Task A_nurse_and_an_oncologist_handle_an_urgent_alert_to_its_report_while_another_queue_follows_live()
    {
        // A colleague keeps the queue open on a desktop: every change below must reach it without a reload.
        var colleague = await server.NewPageAsync();
        await PortalPages.SignInAsync(colleague, DemoSeed.IpaLogin);
        await Expect(colleague.Locator("[data-live='true']")).ToBeVisibleAsync();

        // The nurse works on a phone.
        var nurse = await server.NewPageAsync(width: 390, height: 844);
        await PortalPages.SignInAsync(nurse, DemoSeed.IdeLogin);
        await Expect(nurse.Locator("[data-live='true']")).ToBeVisibleAsync();
        var row = nurse.Locator("tr:has([data-alert-id][data-status='Open']):has([data-priority='Urgent']):has([data-more-findings])").First;
        var alertId = (await row.Locator("[data-alert-id]").GetAttributeAsync("data-alert-id"))!;
        await row.Locator("a[data-open-alert]").ClickAsync();
        await Expect(nurse).ToHaveURLAsync(new Regex($"/alerts/{alertId}$"));
        await Expect(nurse.Locator(".patient-banner")).ToContainTextAsync("IPP");
        await Expect(nurse.Locator("[data-breadcrumbs] a.portal-breadcrumb-link")).ToHaveAttributeAsync("href", "/alerts");
        await Expect(nurse.Locator(".finding").First).ToBeVisibleAsync();
        await Expect(nurse.Locator("figure.trend").First).ToBeVisibleAsync();

        // Claim: the colleague's queue shows who holds it.
        await nurse.Locator("button[data-action='claim']").ClickAsync();
        await Expect(nurse.Locator("[data-alert-status]")).ToHaveAttributeAsync("data-alert-status", "InProgress");
        await Expect(colleague.Locator($"tr:has([data-alert-id='{alertId}']) [data-claimed-by]")).ToHaveAttributeAsync("data-claimed-by", "Julien Bernard", Live);

        // Each act opens in a dialog: Escape closes it and gives the focus back to the act's button.
        await nurse.Locator("button[data-act='PhoneCall']").ClickAsync();
        await Expect(nurse.Locator("[role='dialog'] form[data-form='PhoneCall']")).ToBeVisibleAsync();
        await Expect(nurse.Locator("[role='dialog'] :focus")).ToHaveCountAsync(1);
        await nurse.Keyboard.PressAsync("Escape");
        await Expect(nurse.Locator("form[data-form='PhoneCall']")).ToHaveCountAsync(0);
        await Expect(nurse.Locator("button[data-act='PhoneCall']")).ToBeFocusedAsync();

        // A call that reached the patient; sent without its outcome, the dialog says so on the field.
        await nurse.Locator("button[data-act='PhoneCall']").ClickAsync();
        await nurse.Locator("button[data-action='submit-act']").ClickAsync();
        await Expect(nurse.Locator("[data-field='CallOutcome'] .act-field-error")).ToContainTextAsync("Indiquez le résultat de l'appel.");
        await nurse.Locator("form[data-form='PhoneCall'] input[value='Reached']").CheckAsync();
        await nurse.Locator("#act-note").FillAsync("Patiente jointe, nausées depuis deux jours.");
        await nurse.Locator("button[data-action='submit-act']").ClickAsync();
        await Expect(nurse.Locator("[data-action-kind='PhoneCall']")).ToContainTextAsync("patient joint");

        // The CTCAE grade the nurse confirms, with the CTCAE v5.0 definitions in front of her.
        await nurse.Locator("button[data-act='GradeConfirmed']").ClickAsync();
        await Expect(nurse.Locator(".ctcae-definition").Nth(2)).ToContainTextAsync("Sévère");
        await nurse.Locator("input[name='ctcae-grade'][data-grade='3']").CheckAsync();
        await nurse.Locator("button[data-action='submit-act']").ClickAsync();
        await Expect(nurse.Locator("[data-confirmed-grade='3']").First).ToBeVisibleAsync();
        var scrollWidth = await nurse.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the alert page fits a 390 px screen (scroll width {scrollWidth})");
        await PortalPages.ScreenshotAsync(nurse, "alert-detail-phone-390");

        // Escalation to the oncologist, urgent, addressed to her by name.
        await nurse.Locator("button[data-act='Escalation']").ClickAsync();
        await nurse.Locator("#act-text").FillAsync("Adapter la dose de la prochaine cure ?");
        await nurse.Locator("input[name='urgency'][value='Urgent']").CheckAsync();
        await Expect(nurse.Locator("#act-oncologist")).ToHaveAttributeAsync("placeholder", "Tout oncologue de l'établissement");
        await nurse.Locator("#act-oncologist").PressSequentiallyAsync("lef");
        await nurse.Locator(".mud-popover-open [data-oncologist]", new() { HasText = "Dr Sophie Lefèvre" }).ClickAsync();
        await Expect(nurse.Locator("#act-oncologist")).ToHaveValueAsync("Dr Sophie Lefèvre");
        scrollWidth = await nurse.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the escalation form fits a 390 px screen (scroll width {scrollWidth})");
        await PortalPages.ScreenshotAsync(nurse, "alert-act-dialog-phone-390");
        await nurse.Locator("button[data-action='submit-act']").ClickAsync();
        await Expect(nurse.Locator("[data-alert-status]")).ToHaveAttributeAsync("data-alert-status", "Escalated");
        await Expect(nurse.Locator("[data-action-kind='Escalation']")).ToContainTextAsync("adressé à Dr Sophie Lefèvre");
        await Expect(colleague.Locator($"[data-alert-id='{alertId}']")).ToHaveAttributeAsync("data-status", "Escalated", Live);

        // The oncologist finds it at the top of the urgent escalations and decides; it goes back to the nurse.
        var oncologist = await server.NewPageAsync(width: 1440);
        await PortalPages.SignInAsync(oncologist, DemoSeed.OncologistLogin);
        var escalation = oncologist.Locator($"tr:has([data-alert-id='{alertId}'])");
        await Expect(escalation.Locator("[data-urgency]")).ToHaveAttributeAsync("data-urgency", "Urgent");
        await Expect(escalation).ToContainTextAsync("Adapter la dose de la prochaine cure ?");
        await Expect(escalation).ToContainTextAsync("Adressé à Dr Sophie Lefèvre");
        await PortalPages.ScreenshotAsync(oncologist, "escalations-desktop-1440");
        var oncologistPhone = await server.NewPageAsync(width: 390, height: 844);
        await PortalPages.SignInAsync(oncologistPhone, DemoSeed.OncologistLogin);
        await Expect(oncologistPhone.Locator($"tr:has([data-alert-id='{alertId}'])")).ToContainTextAsync("Adapter la dose de la prochaine cure ?");
        scrollWidth = await oncologistPhone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the escalations inbox fits a 390 px screen (scroll width {scrollWidth})");
        await PortalPages.ScreenshotAsync(oncologistPhone, "escalations-phone-390");

        // She decides from the inbox, between two consultations, without opening the alert: the dialog says what is missing on its field.
        await escalation.Locator("button[data-action='decide']").ClickAsync();
        await oncologist.Locator("button[data-action='submit-decision']").ClickAsync();
        await Expect(oncologist.Locator("[data-field='Decision'] .act-field-error")).ToContainTextAsync("Choisissez une décision.");
        await oncologist.Locator("[role='dialog'] input[data-decision='AdjustOrHoldTreatment'], [role='dialog'] [data-decision='AdjustOrHoldTreatment'] input").CheckAsync();
        await oncologist.Locator("#decision-text").FillAsync("Réduire la dose de 20 % à la prochaine cure ; antiémétique renforcé.");
        await oncologist.Locator("button[data-action='submit-decision']").ClickAsync();
        await Expect(escalation).ToHaveCountAsync(0);
        await Expect(oncologist.Locator(".mud-snackbar")).ToContainTextAsync("Décision enregistrée pour");

        // The nurse's open page follows; she resolves, which writes the report of the act.
        await Expect(nurse.Locator("[data-alert-status]")).ToHaveAttributeAsync("data-alert-status", "InProgress", Live);
        await Expect(nurse.Locator("[data-action-kind='OncologistDecision']")).ToContainTextAsync("adaptation ou suspension du traitement");
        await nurse.Locator("button[data-act='Resolution']").ClickAsync();
        await nurse.Locator("#act-text").FillAsync("Dose adaptée par l'oncologue ; rappel de la patiente dans 48 h.");
        await nurse.Locator("button[data-action='submit-act']").ClickAsync();
        await Expect(nurse.Locator("[data-alert-status]")).ToHaveAttributeAsync("data-alert-status", "Resolved");
        var report = nurse.Locator("article.report");
        await Expect(report).ToHaveAttributeAsync("data-report-version", "1");
        await Expect(report.Locator("[data-report-text]")).ToContainTextAsync("rappel de la patiente dans 48 h");
        await Expect(report.Locator("[data-report-text]")).ToContainTextAsync("Julien Bernard");
        await Expect(colleague.Locator($"[data-alert-id='{alertId}']")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        await PortalPages.ScreenshotAsync(nurse, "alert-report-phone-390");

        // A correction adds version 2; version 1 stays as written.
        await nurse.Locator("button[data-act='Correction']").ClickAsync();
        await nurse.Locator("#act-text").FillAsync("La patiente rappelle : nausées résolues.");
        await nurse.Locator("button[data-action='submit-act']").ClickAsync();
        await Expect(report).ToHaveAttributeAsync("data-report-version", "2");
        await Expect(nurse.Locator(".report-versions")).ToContainTextAsync("version 1");

        // Withdrawn (sent to the hospital a mistake): a last version says so and why, and nothing more can be added.
        await nurse.Locator("[data-report-withdrawal] button[data-action='withdraw-report']").ClickAsync();
        await nurse.Locator("[role='dialog'] button[data-withdraw]").ClickAsync();
        await Expect(nurse.Locator("[role='dialog'] [data-field='Reason']")).ToContainTextAsync("Indiquez le motif du retrait");
        await nurse.Locator("[role='dialog'] [data-field='Reason'] textarea").FillAsync("Compte rendu saisi sur la mauvaise patiente.");
        await nurse.Locator("[role='dialog'] button[data-withdraw]").ClickAsync();
        await Expect(report).ToHaveAttributeAsync("data-report-version", "3");
        await Expect(report.Locator("[data-report-withdrawn]")).ToContainTextAsync("mauvaise patiente");
        await Expect(nurse.Locator("[data-report-withdrawal]")).ToHaveCountAsync(0);
        await Expect(nurse.Locator("button[data-act='Correction']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Two_nurses_acting_at_once_the_second_is_told_and_sees_the_fresh_state_and_nothing_is_lost()
    {
        var first = await server.NewPageAsync(width: 1440);
        await PortalPages.SignInAsync(first, DemoSeed.IdeLogin);
        var row = first.Locator("tr:has([data-alert-id][data-status='Open']):has([data-priority='High'])").First;
        var alertId = (await row.Locator("[data-alert-id]").GetAttributeAsync("data-alert-id"))!;
        var second = await server.NewPageAsync(width: 1440, locale: "en-GB");
        await PortalPages.SignInAsync(second, DemoSeed.IpaLogin);
        // The switch reloads the page: the circuit to wait for is the reloaded page's, not the one clicked.
        await second.EvaluateAsync("() => window.beforeTheSwitch = true");
        await second.Locator(".language-switch button[data-culture='en-GB']").ClickAsync();
        await second.WaitForFunctionAsync("() => !window.beforeTheSwitch");
        await PortalPages.WaitForCircuitAsync(second);

        await first.GotoAsync($"/alerts/{alertId}");
        await second.GotoAsync($"/alerts/{alertId}");
        await PortalPages.WaitForCircuitAsync(first);
        await PortalPages.WaitForCircuitAsync(second);
        await PortalPages.ScreenshotAsync(first, "alert-detail-desktop-1440");

        // The second nurse starts writing advice; meanwhile the first claims the alert.
        await second.Locator("button[data-act='Advice']").ClickAsync();
        await second.Locator("#act-text").FillAsync("Drink small amounts often.");
        await first.Locator("button[data-action='claim']").ClickAsync();
        await Expect(first.Locator("[data-alert-status]")).ToHaveAttributeAsync("data-alert-status", "InProgress");
        await Expect(second.Locator("[data-stale]")).ToBeVisibleAsync();

        // Sent on the version she saw: refused in plain words, and the page shows who holds the alert now.
        await second.Locator("button[data-action='submit-act']").ClickAsync();
        await Expect(second.Locator(".act-problem")).ToHaveAttributeAsync("data-problem", "ConflictException");
        await Expect(second.Locator(".act-problem")).ToContainTextAsync("Someone else changed this alert");
        await Expect(second.Locator("[data-claimed-by]")).ToHaveAttributeAsync("data-claimed-by", "Julien Bernard");
        await Expect(second.Locator("#act-text")).ToHaveValueAsync("Drink small amounts often.");
        await PortalPages.ScreenshotAsync(second, "alert-act-conflict-desktop-1440");

        // Sent again on the fresh version: recorded once.
        await second.Locator("button[data-action='submit-act']").ClickAsync();
        await Expect(second.Locator("[data-notice]")).ToContainTextAsync("Act recorded");
        await Expect(second.Locator("button[data-act='Advice']")).ToBeFocusedAsync();
        await Expect(second.Locator("[data-action-kind='Advice']")).ToHaveCountAsync(1);
        await Expect(first.Locator("[data-action-kind='Advice']")).ToHaveCountAsync(1, new() { Timeout = 5_000 });
    }
}
