using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Session;

/// <summary>
/// An open page acts only while its session lives: signing out in one tab, or a deactivation in the staff directory,
/// sends the other open pages of that person to the sign-in page, where they can no longer act.
/// </summary>
public sealed class SessionEndTests : IAsyncLifetime
{
    private readonly BrowserFixture _browser = new();
    private TestDatabase? _database;
    private PortalAppFactory? Portal { get; set; }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        Portal = new PortalAppFactory(
            _database.WithSettings(("Demo:SeedOnEmptyDatabase", "true"), ("Auth:SessionRevalidationSeconds", "5")),
            kestrel: true);
        _ = Portal.ServerAddress;
        await _browser.InitializeAsync();
    }

    [Fact]
    public async Task Signing_out_in_one_tab_stops_the_other_open_tab()
    {
        var context = await NewContextAsync();
        var first = await context.NewPageAsync();
        await PortalPages.SignInAsync(first, "ide.bernard");
        await Expect(first).ToHaveURLAsync(new Regex("/alerts$"));
        var second = await context.NewPageAsync();
        await second.GotoAsync("/alerts");
        await PortalPages.WaitForCircuitAsync(second);
        await Expect(second.Locator("h1")).ToHaveTextAsync("File d'alertes");

        await first.Locator("form[action='account/signout'] button").ClickAsync();
        await Expect(first).ToHaveURLAsync(new Regex("/account/signin"));

        // The other tab's circuit learns it at once, without a request of its own.
        await Expect(second).ToHaveURLAsync(new Regex("/account/signin"), new PageAssertionsToHaveURLOptions { Timeout = 4_000 });
        await Expect(second.Locator("button[data-login='ide.bernard']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_deactivated_nurse_s_open_page_goes_back_to_sign_in_within_the_revalidation_interval()
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, "ide.petit");
        await Expect(page).ToHaveURLAsync(new Regex("/alerts$"));

        await using (var db = await Portal!.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.StaffMembers.Where(m => m.Login == "ide.petit").ExecuteUpdateAsync(u => u.SetProperty(m => m.IsActive, false));
        }

        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"), new PageAssertionsToHaveURLOptions { Timeout = 15_000 });
        await page.GotoAsync("/alerts");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
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

    private Task<IBrowserContext> NewContextAsync() => _browser.NewContextAsync(Portal!.ServerAddress);
}
