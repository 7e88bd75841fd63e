using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Hl7.Mllp;
using TeleSurv.Portal.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Adt;

/// <summary>
/// The admin's interface monitor in Chromium, after real ADT sent to the running portal's MLLP listener: the
/// listener's state and figures, the journal searched by control id, the raw message, and an error reprocessed.
/// </summary>
public sealed class InterfaceMonitorTests(PortalServer server) : IClassFixture<PortalServer>
{
    private async Task<string> SendAsync(string er7)
    {
        var endpoint = server.Factory.Services.GetRequiredService<AdtListenerState>().Snapshot().Endpoint!;
        await using var client = new MllpClient(new MllpClientOptions { Host = "127.0.0.1", Port = System.Net.IPEndPoint.Parse(endpoint).Port });
        await client.ConnectAsync();
        return Encoding.UTF8.GetString(await client.SendAsync(Encoding.UTF8.GetBytes(er7)));
    }

    [Fact]
    public async Task The_admin_sees_the_listener_finds_a_message_by_control_id_reads_it_and_reprocesses_an_error()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var pid = new PidSpec { Ipp = "BR" + suffix, Authority = "CHRIV" };
        var movementId = "MB" + suffix;
        var update = AdtSamples.Movement("Z99", "Z" + suffix, pid, movementId, "UPDATE", "A01", patientClass: "V");
        Assert.Contains("MSA|AE|", await SendAsync(update), StringComparison.Ordinal);
        Assert.Contains("MSA|AA|", await SendAsync(AdtSamples.Movement("A01", "A" + suffix, pid, movementId, "INSERT")), StringComparison.Ordinal);

        var page = await server.NewPageAsync(width: 390, height: 844);
        await PortalPages.SignInAsync(page, "admin.roussel");
        await page.GotoAsync("/admin/interfaces");
        await PortalPages.WaitForCircuitAsync(page);

        await Expect(page.Locator("[data-listener-status]")).ToHaveAttributeAsync("data-listener-status", "Listening");
        await Expect(page.Locator("[data-error-queue]")).Not.ToHaveAttributeAsync("data-error-queue", "0");
        await PortalPages.ScreenshotAsync(page, "interface-monitor-phone-390");
        // The page's own content (the layout's bottom bar is the layout's): its right edge stays within the screen.
        var scrollWidth = await page.EvaluateAsync<int>("() => Math.max(...[...document.querySelectorAll('main *')].map(e => Math.ceil(e.getBoundingClientRect().right)))");
        var wide = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().width > 380).map(e => e.tagName + '.' + e.className + ' w' + Math.round(e.getBoundingClientRect().width) + ' s' + e.scrollWidth).slice(-8).join(', ')");
        Assert.True(scrollWidth <= 390, $"nothing overflows sideways at phone width (scroll width {scrollWidth}; too wide: {wide})");

        await page.Locator("#journal-control").FillAsync("Z" + suffix);
        await page.Locator("form.journal-search button[type='submit']").ClickAsync();
        var row = page.Locator($"tr:has([data-control-id='Z{suffix}'])");
        await Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Rejected");
        await Expect(row.Locator("[data-status]")).ToContainTextAsync("AE");
        await Expect(row.Locator("time")).ToContainTextAsync("Europe/Paris");

        await row.Locator("a.journal-link").ClickAsync();
        await Expect(page.Locator("pre[data-raw]")).ToContainTextAsync($"ZBE|{movementId}^GAM_TEST");
        await Expect(page.Locator("pre[data-raw] [data-segment='PID']")).ToHaveCountAsync(1);
        var messageWidth = await page.EvaluateAsync<int>("() => Math.max(...[...document.querySelectorAll('main *')].map(e => Math.ceil(e.getBoundingClientRect().right)))");
        Assert.True(messageWidth <= 390, $"the raw message wraps at phone width (scroll width {messageWidth})");
        await PortalPages.ScreenshotAsync(page, "adt-message-phone-390");
        await Expect(page.Locator("pre[data-ack]")).ToContainTextAsync("MSA|AE|Z" + suffix);
        await page.Locator("button[data-action='reprocess']").ClickAsync();

        await Expect(page.Locator("[data-outcome]")).ToBeVisibleAsync();
        await Expect(page.Locator("div[data-message-id] [data-status]")).ToHaveAttributeAsync("data-status", "Applied");
        await Expect(page.Locator("pre[data-ack]")).ToContainTextAsync("MSA|AA|Z" + suffix);

        // The same pages on a desktop.
        var desktop = await server.NewPageAsync(width: 1440);
        await PortalPages.SignInAsync(desktop, "admin.roussel");
        await desktop.GotoAsync("/admin/interfaces");
        await PortalPages.WaitForCircuitAsync(desktop);
        await desktop.Locator("#journal-control").FillAsync("Z" + suffix);
        await desktop.Locator("form.journal-search button[type='submit']").ClickAsync();
        await Expect(desktop.Locator($"tr:has([data-control-id='Z{suffix}']) [data-status]")).ToHaveAttributeAsync("data-status", "Applied");
        await PortalPages.ScreenshotAsync(desktop, "interface-monitor-desktop-1440");
        await desktop.Locator($"tr:has([data-control-id='Z{suffix}']) a.journal-link").ClickAsync();
        await Expect(desktop.Locator("pre[data-ack]")).ToContainTextAsync("MSA|AA|Z" + suffix);
        await PortalPages.ScreenshotAsync(desktop, "adt-message-desktop-1440");
    }
}
