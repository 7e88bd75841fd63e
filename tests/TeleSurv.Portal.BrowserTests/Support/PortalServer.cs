using Microsoft.Playwright;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.BrowserTests.Support;

/// <summary>
/// The portal served by Kestrel on a free loopback port over a fresh SQLite database seeded with the demo
/// data, and Debian's Chromium to drive it: one of each per test class.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    private readonly BrowserFixture _browser = new();
    private TestDatabase? _database;

    public PortalAppFactory Factory { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser => _browser.Browser;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        Factory = new PortalAppFactory(_database.WithSettings(("Demo:SeedOnEmptyDatabase", "true")), kestrel: true);
        BaseAddress = Factory.ServerAddress;
        await _browser.InitializeAsync();
    }

    /// <summary>A fresh browser context (own cookies) in the given viewport, French unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string locale = "fr-FR") =>
        await (await _browser.NewContextAsync(BaseAddress, width, height, locale)).NewPageAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await Factory.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
