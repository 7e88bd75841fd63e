using System.Net;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>
/// Demo sign-in, which lets anyone in as anyone, runs in Development, or elsewhere only when a setting says so by
/// name; its sign-in page then says in red that it is a demo. (Refusals at start: StartupFailureTests.)
/// </summary>
public sealed class DemoSignInTests
{
    [Fact]
    public async Task Demo_sign_in_allowed_outside_development_says_so_in_red()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        await using var factory = new PortalAppFactory(
            database.WithSettings(("Demo:SeedOnEmptyDatabase", "true"), ("Auth:Mode", "Demo"), ("Demo:AllowSignInOutsideDevelopment", "true")),
            environment: "Staging");
        using var client = PortalClient.CreateClient(factory);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative)));

        Assert.Matches("<div(?=[^>]*data-demo-banner)(?=[^>]*role=\"alert\")(?=[^>]*class=\"[^\"]*mud-alert-filled-error)[^>]*>", html);
        Assert.Contains("Démonstration", html, StringComparison.Ordinal);
        await PortalClient.SignInAsync(client, "ide.bernard");
    }

    [Fact]
    public async Task Demo_sign_in_in_development_carries_no_banner()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        await using var factory = new PortalAppFactory(database.WithSettings(("Demo:SeedOnEmptyDatabase", "true")));
        using var client = PortalClient.CreateClient(factory);

        var html = await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative));

        Assert.DoesNotContain("data-demo-banner", html, StringComparison.Ordinal);
        Assert.Contains("data-login=\"ide.bernard\"", html, StringComparison.Ordinal);
    }
}
