using System.Net;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>Return addresses holding control characters, and refused form posts outside Development.</summary>
public sealed class RedirectAndFormTests(SeededPortals portals) : IClassFixture<SeededPortals>
{
    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0d%0a/evil.example")]
    [InlineData("/alerts%00")]
    public async Task Switching_language_with_a_return_address_holding_a_control_character_goes_home(string returnUrl)
    {
        var factory = await portals.GetAsync(DatabaseProvider.Sqlite);
        using var client = PortalClient.CreateClient(factory);

        using var response = await client.GetAsync(new Uri($"/culture/set?culture=en-GB&returnUrl={returnUrl}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Demo_sign_in_with_a_return_address_holding_a_control_character_goes_home()
    {
        var factory = await portals.GetAsync(DatabaseProvider.Sqlite);
        using var client = PortalClient.CreateClient(factory);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await PortalClient.AntiforgeryTokenAsync(client),
            ["login"] = "ide.bernard",
            ["returnUrl"] = "/\t/evil.example",
        });

        using var response = await client.PostAsync(new Uri("/account/demo-signin", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/account/demo-signin")]
    [InlineData("/account/signin")]
    public async Task Outside_development_a_form_post_without_its_antiforgery_token_is_a_400_with_the_error_page(string path)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        await using var factory = new PortalAppFactory(
            database.WithSettings(("Demo:SeedOnEmptyDatabase", "true"), ("Auth:Mode", "Demo"), ("Demo:AllowSignInOutsideDevelopment", "true")),
            environment: "Staging");
        using var client = PortalClient.CreateClient(factory);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = "ide.bernard" });

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data-error-page", html, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("telesurv.session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_secure_over_https()
    {
        var factory = await portals.GetAsync(DatabaseProvider.Sqlite);
        using var https = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        using var http = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

        using var overHttps = await https.GetAsync(new Uri("/account/signin", UriKind.Relative));
        using var overHttp = await http.GetAsync(new Uri("/account/signin", UriKind.Relative));

        var secure = Assert.Single(overHttps.Headers.GetValues("Set-Cookie"), v => v.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("; secure", secure, StringComparison.OrdinalIgnoreCase);
        var plain = Assert.Single(overHttp.Headers.GetValues("Set-Cookie"), v => v.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.DoesNotContain("; secure", plain, StringComparison.OrdinalIgnoreCase);
    }
}
