using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Hl7.Mllp;
using TeleSurv.Portal.Infrastructure.Seeding;
using TeleSurv.Portal.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Quality;

/// <summary>
/// Every page of the portal, as the person who uses it reaches it, at a desktop width (1440 px) and a phone width
/// (390 px): axe-core finds no critical or serious accessibility violation, nothing scrolls sideways, and a
/// screenshot of each is kept (<c>page-&lt;name&gt;-&lt;width&gt;.png</c> in the test artifacts).
/// </summary>
public sealed partial class EveryPageTests(PortalServer server) : IClassFixture<PortalServer>
{
    private static readonly int[] Widths = [1440, 390];

    /// <summary>Who opens the page (null: nobody signed in), how they reach it, and what shows it is there.</summary>
    private sealed record Visit(string? Login, Func<IPage, EveryPageTests, Task> Reach, bool Interactive = true, string Ready = "h1");

    private static readonly Dictionary<string, Visit> Visits = new(StringComparer.Ordinal)
    {
        ["sign-in"] = new(null, (page, _) => GoAsync(page, "/account/signin"), Interactive: false),
        ["signed-out"] = new(null, (page, _) => GoAsync(page, "/account/signed-out"), Interactive: false),
        ["questionnaire-welcome"] = new(null, (page, _) => GoAsync(page, $"/p/{DemoSeed.DemoPatientToken}")),
        ["questionnaire-question"] = new(null, async (page, _) =>
        {
            await GoAsync(page, $"/p/{DemoSeed.DemoPatientToken}");
            await PortalPages.WaitForCircuitAsync(page);
            await page.Locator("[data-action='start']").ClickAsync();
        }, Ready: "section[data-step]"),
        ["alert-queue"] = new(DemoSeed.IdeLogin, (page, _) => GoAsync(page, "/alerts")),
        ["alert"] = new(DemoSeed.IdeLogin, (page, _) => FollowFirstAsync(page, "/alerts", "a[href^='alerts/']", "/alerts/")),
        ["patients"] = new(DemoSeed.IdeLogin, (page, _) => GoAsync(page, "/patients")),
        ["patient-chart"] = new(DemoSeed.IdeLogin, async (page, _) =>
        {
            await FollowFirstAsync(page, "/alerts", "a[href^='alerts/']", "/alerts/");
            await PortalPages.WaitForCircuitAsync(page);
            await page.Locator("a[href^='patients/']").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/patients/[0-9a-f-]{36}"), new() { Timeout = 15_000 });
        }),
        ["escalations"] = new(DemoSeed.OncologistLogin, (page, _) => GoAsync(page, "/escalations")),
        ["dashboard"] = new(DemoSeed.IpaLogin, (page, _) => GoAsync(page, "/dashboard")),
        ["not-found"] = new(DemoSeed.IdeLogin, (page, _) => GoAsync(page, "/not-found")),
        ["enrolments"] = new(DemoSeed.AdminLogin, (page, _) => GoAsync(page, "/enrolment")),
        ["enrolment-new"] = new(DemoSeed.AdminLogin, (page, _) => GoAsync(page, "/enrolment/new")),
        ["enrolment-detail"] = new(DemoSeed.AdminLogin, (page, _) =>
            FollowFirstAsync(page, "/enrolment", "a[href^='enrolment/']:not([download]):not([href='enrolment/new'])", "/enrolment/")),
        ["audit"] = new(DemoSeed.AdminLogin, (page, _) => GoAsync(page, "/admin/audit")),
        ["interfaces"] = new(DemoSeed.AdminLogin, (page, _) => GoAsync(page, "/admin/interfaces")),
        ["interface-message"] = new(DemoSeed.AdminLogin, async (page, test) =>
        {
            await test.EnsureAnAdtMessageAsync();
            await FollowFirstAsync(page, "/admin/interfaces", "a[href*='interfaces/messages/']", "/admin/interfaces/messages/");
        }),
        ["oru-outbox"] = new(DemoSeed.AdminLogin, (page, _) => GoAsync(page, "/admin/oru")),
        ["establishments"] = new(DemoSeed.AdminLogin, (page, _) => GoAsync(page, "/admin/establishments")),
        ["sessions"] = new(DemoSeed.AdminLogin, (page, _) => GoAsync(page, "/admin/sessions")),
    };

    public static TheoryData<string> Pages => [.. Visits.Keys];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_critical_or_serious_accessibility_violation_and_fits_a_desktop_and_a_phone(string name)
    {
        var visit = Visits[name];
        var problems = new List<string>();
        foreach (var width in Widths)
        {
            var page = await server.NewPageAsync(width: width, height: width < 768 ? 844 : 900);
            if (visit.Login is { } login)
            {
                await PortalPages.SignInAsync(page, login);
            }

            await visit.Reach(page, this);
            if (visit.Interactive)
            {
                await PortalPages.WaitForCircuitAsync(page);
            }

            await Expect(page.Locator(visit.Ready).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            // Tables take their phone layout once MudBlazor's script has measured the window: the page settles first.
            if (!await FitsAsync(page, width))
            {
                var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                var wide = await page.EvaluateAsync<string>(
                    "w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1).slice(-5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')",
                    width);
                problems.Add($"{width} px: the page scrolls sideways (scroll width {scrollWidth}; beyond the edge: {wide})");
            }

            var result = await page.RunAxe();
            problems.AddRange(result.Violations
                .Where(v => v.Impact is "critical" or "serious")
                .Select(v => $"{width} px: {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(3).Select(n => Shorten(n.Html)))}"));
            await PortalPages.ScreenshotAsync(page, $"page-{name}-{width}");
            await page.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, $"{name}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    private static async Task<bool> FitsAsync(IPage page, int width)
    {
        try
        {
            await page.WaitForFunctionAsync("w => document.documentElement.scrollWidth <= w", width, new() { Timeout = 10_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task GoAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response is { Status: < 400 } || path == "/not-found", $"{path} answered {response?.Status}");
    }

    /// <summary>A detail page, reached as its user does: from the list, by the first link to one.</summary>
    private static async Task FollowFirstAsync(IPage page, string list, string link, string detailPrefix)
    {
        await GoAsync(page, list);
        await PortalPages.WaitForCircuitAsync(page);
        await page.Locator(link).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(detailPrefix) + "[0-9a-f-]{36}"), new() { Timeout = 15_000 });
    }

    /// <summary>The demo data has no HL7 traffic: one admission sent to the portal's MLLP listener gives the journal a row.</summary>
    private async Task EnsureAnAdtMessageAsync()
    {
        var endpoint = server.Factory.Services.GetRequiredService<AdtListenerState>().Snapshot().Endpoint!;
        await using var client = new MllpClient(new MllpClientOptions { Host = "127.0.0.1", Port = IPEndPoint.Parse(endpoint).Port });
        await client.ConnectAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var pid = new PidSpec { Ipp = "EP" + suffix, Authority = "CHRIV" };
        var ack = Encoding.UTF8.GetString(await client.SendAsync(Encoding.UTF8.GetBytes(
            AdtSamples.Movement("A01", "E" + suffix, pid, "ME" + suffix, "INSERT"))));
        Assert.Contains("MSA|AA|", ack, StringComparison.Ordinal);
    }

    private static string Shorten(string html)
    {
        var oneLine = Whitespace().Replace(html, " ");
        return oneLine.Length <= 160 ? oneLine : oneLine[..160] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
