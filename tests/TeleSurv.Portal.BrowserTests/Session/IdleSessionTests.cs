using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Session;

/// <summary>
/// The idle timeout holds on an open interactive page, where the circuit makes no HTTP request: a nurse at work keeps
/// her session, a screen left alone returns to the sign-in page. The server's clock and the page's clock are both
/// moved by hand, together.
/// </summary>
public sealed class IdleSessionTests : IAsyncLifetime
{
    private const int IdleMinutes = 20;
    private readonly BrowserFixture _browser = new();
    private readonly HandMovedClock _serverClock = new(DateTimeOffset.UtcNow);
    private TestDatabase? _database;
    private PortalAppFactory? Portal { get; set; }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        Portal = new PortalAppFactory(
            _database.WithSettings(("Demo:SeedOnEmptyDatabase", "true"), ("Auth:IdleTimeoutMinutes", IdleMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            kestrel: true,
            services: s => s.AddSingleton<TimeProvider>(_serverClock));
        _ = Portal.ServerAddress;
        await _browser.InitializeAsync();
    }

    [Fact]
    public async Task A_nurse_at_work_keeps_her_session_and_an_idle_screen_goes_back_to_sign_in()
    {
        var page = await NewPageAsync();
        await page.Clock.InstallAsync();
        await PortalPages.SignInAsync(page, "ide.bernard");
        await Expect(page).ToHaveURLAsync(new Regex("/alerts$"));

        // An hour of work in four quarters: each quarter ends with a key press on the open page, no navigation.
        for (var quarter = 0; quarter < 4; quarter++)
        {
            await PassAsync(page, TimeSpan.FromMinutes(15));
            var keepAlive = page.WaitForResponseAsync(r => r.Url.EndsWith("/account/keepalive", StringComparison.Ordinal));
            await page.Keyboard.PressAsync("Shift");
            Assert.Equal(204, (await keepAlive).Status);
        }

        // Still signed in after the hour: a fresh load of the page is the queue, not the sign-in page.
        await PassAsync(page, TimeSpan.FromMinutes(1));
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/alerts$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("File d'alertes");

        // Left alone past the idle time, the page reloads by itself and the expired session shows the sign-in page.
        await PassAsync(page, TimeSpan.FromMinutes(IdleMinutes + 1));
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
    }

    [Fact]
    public async Task The_keepalive_is_refused_without_a_session()
    {
        var page = await NewPageAsync();

        var response = await page.APIRequest.GetAsync("/account/keepalive", new APIRequestContextOptions { MaxRedirects = 0 });

        Assert.Equal(302, response.Status);
        Assert.Contains("/account/signin", response.Headers["location"], StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private async Task<IPage> NewPageAsync() => await (await _browser.NewContextAsync(Portal!.ServerAddress)).NewPageAsync();

    /// <summary>Moves the server's clock, then the page's, by the same time.</summary>
    private async Task PassAsync(IPage page, TimeSpan time)
    {
        _serverClock.Advance(time);
        await page.Clock.FastForwardAsync((long)time.TotalMilliseconds);
    }

    private sealed class HandMovedClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
