using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Seeding;
using TeleSurv.Portal.Tests.Cluster;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Cluster;

/// <summary>
/// Two portal processes behind HAProxy on one PostgreSQL database, with Chromium through the balancer as a nurse's
/// browser: what another instance commits reaches her open queue, and the death of her instance costs her neither
/// her session nor what she did.
/// </summary>
public sealed class ClusterStoryTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A change crossing instances goes through PostgreSQL; the margin is for a loaded machine.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 10_000 };

    /// <summary>Two portal processes and Chromium on a machine shared with builds: a page may take seconds to fill.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Loaded = new() { Timeout = 30_000 };

    private static readonly LocatorAssertionsToHaveAttributeOptions Shown = new() { Timeout = 30_000 };

    /// <summary>The balancer's checks, Blazor's reconnection attempts and the reload on the other instance.</summary>
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_alert_raised_through_one_instance_appears_in_a_queue_open_on_the_other_without_a_reload()
    {
        await using var cluster = await PortalCluster.StartAsync(2, seedDemoData: true);
        await using var context = await browser.NewContextAsync(cluster.Balancer.Address);
        var nurse = await context.NewPageAsync();
        await PortalPages.SignInAsync(nurse, DemoSeed.IdeLogin);
        await Expect(nurse.Locator("[data-live='true']")).ToBeVisibleAsync(Loaded);
        var hers = await NodeOfAsync(context, cluster);
        var other = cluster.Nodes.Single(n => n != hers);

        // A marker that a reload would lose: the row must come into the same document.
        await nurse.EvaluateAsync("() => window.__sameDocument = true");

        // The patient's app reaches the other instance straight, not through the balancer.
        using var patient = new PatientApiClient(other.Address, DemoSeed.DemoPatientToken);
        var answer = await patient.SubmitAsync(await patient.OpenWeekAsync(), temperatureCelsius: 39.4m);
        var alertId = answer["alert"]?["id"]?.GetValue<string>();
        Assert.NotNull(alertId);

        await Expect(nurse.Locator($"tr:has([data-alert-id='{alertId}'])")).ToBeVisibleAsync(Live);
        Assert.True(await nurse.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The queue was reloaded.");
        Assert.Equal(hers.Name, (await NodeOfAsync(context, cluster)).Name);
        Assert.True(hers.Running);
    }

    [Fact]
    public async Task A_nurse_whose_instance_is_killed_comes_back_on_the_other_signed_in_and_finds_what_she_claimed()
    {
        await using var cluster = await PortalCluster.StartAsync(2, seedDemoData: true);
        await using var context = await browser.NewContextAsync(cluster.Balancer.Address);
        var nurse = await context.NewPageAsync();
        await PortalPages.SignInAsync(nurse, DemoSeed.IdeLogin);
        await Expect(nurse.Locator("[data-live='true']")).ToBeVisibleAsync(Loaded);

        // She claims an open alert from the queue: the row shows her name on it.
        var row = nurse.Locator("tr:has([data-alert-id][data-status='Open'])").First;
        var alertId = (await row.Locator("[data-alert-id]").GetAttributeAsync("data-alert-id"))!;
        await row.Locator("button[data-action='claim']").ClickAsync();
        await Expect(nurse.Locator($"tr:has([data-alert-id='{alertId}']) [data-claimed-by]")).ToHaveAttributeAsync("data-claimed-by", "Julien Bernard", Shown);

        var hers = await NodeOfAsync(context, cluster);
        var other = cluster.Nodes.Single(n => n != hers);
        await nurse.EvaluateAsync("() => window.__beforeTheKill = true");
        hers.Kill();

        // Her circuit is gone with the process: Blazor's reconnection is refused by the other instance and the page
        // reloads there, through the balancer, with the session cookie the other instance can read.
        await nurse.WaitForFunctionAsync("() => window.__beforeTheKill !== true", null, new() { Timeout = (float)Failover.TotalMilliseconds });
        await PortalPages.WaitForCircuitAsync(nurse);
        Assert.Equal(other.Name, (await NodeOfAsync(context, cluster)).Name);
        await Expect(nurse).ToHaveURLAsync(new Regex("/alerts$"));
        await Expect(nurse.Locator("[data-live='true']")).ToBeVisibleAsync(Loaded);
        await Expect(nurse.Locator($"tr:has([data-alert-id='{alertId}']) [data-claimed-by]")).ToHaveAttributeAsync("data-claimed-by", "Julien Bernard", Shown);
        await Expect(nurse.Locator($"[data-alert-id='{alertId}']")).ToHaveAttributeAsync("data-status", "InProgress", Shown);
    }

    private static async Task<PortalNode> NodeOfAsync(IBrowserContext context, PortalCluster cluster)
    {
        var cookies = await context.CookiesAsync();
        var sticky = Assert.Single(cookies, c => c.Name == PortalBalancer.StickinessCookie);
        return cluster.Node(sticky.Value);
    }
}
