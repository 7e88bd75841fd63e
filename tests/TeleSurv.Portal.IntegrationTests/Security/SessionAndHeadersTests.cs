using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>The headers every answer carries, and the session that ends after a configured idle time.</summary>
public sealed partial class SessionAndHeadersTests(SeededPortals portals) : IClassFixture<SeededPortals>
{
    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/p/not-a-valid-link")]
    [InlineData("/health")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var factory = await portals.GetAsync(DatabaseProvider.Sqlite);
        using var client = PortalClient.CreateClient(factory);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9_-]{20,}';", csp);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.True(response.Headers.CacheControl?.NoStore, "pages may show patient data: never cached");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS in Development");
    }

    [Fact]
    public async Task The_only_inline_script_of_a_page_is_the_one_marked_with_the_request_nonce()
    {
        var factory = await portals.GetAsync(DatabaseProvider.Sqlite);
        using var client = PortalClient.CreateClient(factory);

        using var response = await client.GetAsync(new Uri("/account/signin", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        var nonce = Regex.Match(Header(response, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value;
        var inline = InlineScript().Matches(html);
        Assert.All(inline, script => Assert.Contains($"nonce=\"{nonce}\"", script.Value, StringComparison.Ordinal));
        using var again = await client.GetAsync(new Uri("/account/signin", UriKind.Relative));
        Assert.NotEqual(nonce, Regex.Match(Header(again, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value);
    }

    [Fact]
    public async Task Static_assets_keep_their_own_caching()
    {
        var factory = await portals.GetAsync(DatabaseProvider.Sqlite);
        using var client = PortalClient.CreateClient(factory);

        using var response = await client.GetAsync(new Uri("/favicon.svg", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore ?? false, "static assets stay cacheable");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Theory]
    [InlineData(null, "/account/signin")]
    [InlineData(null, "/account/no-access")]
    [InlineData("ide.bernard", "/alerts")]
    [InlineData("admin.roussel", "/enrolment")]
    public async Task Every_form_that_posts_carries_an_antiforgery_token(string? login, string path)
    {
        var factory = await portals.GetAsync(DatabaseProvider.Sqlite);
        using var client = PortalClient.CreateClient(factory);
        if (login is not null)
        {
            await PortalClient.SignInAsync(client, login);
        }

        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));

        var forms = PostForm().Matches(html);
        Assert.NotEmpty(forms);
        Assert.All(forms, form => Assert.Contains("name=\"__RequestVerificationToken\"", form.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_used_within_the_idle_time_slides_and_an_idle_one_ends()
    {
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        await using var basePortal = new PortalAppFactory(database.WithSettings(("Demo:SeedOnEmptyDatabase", "true"), ("Auth:IdleTimeoutMinutes", "20")));
        await using var factory = basePortal.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PortalClient.SignInAsync(client, "ide.bernard");

        // Every use less than 20 minutes after the previous one keeps the session: an hour in all.
        foreach (var minutes in new[] { 15, 15, 15, 15 })
        {
            clock.Advance(TimeSpan.FromMinutes(minutes));
            using var used = await client.GetAsync(new Uri("/alerts", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(21));
        using var idle = await client.GetAsync(new Uri("/alerts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.StartsWith("http://localhost/account/signin?ReturnUrl=", idle.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} header missing on {response.RequestMessage?.RequestUri}");

    [GeneratedRegex("<form(?=[^>]*method=\"post\")[^>]*>.*?</form>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex PostForm();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class SettableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
