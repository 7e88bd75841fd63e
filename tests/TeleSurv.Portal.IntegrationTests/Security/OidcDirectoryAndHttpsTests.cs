using System.Net;
using TeleSurv.Portal.Tests.Support;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>Single sign-on when the staff directory, not the claims, decides the role and the establishments.</summary>
public sealed class OidcDirectoryTests(DirectoryOidcPortal portal) : IClassFixture<DirectoryOidcPortal>
{
    [Theory]
    [InlineData("ide.bernard", "/alerts", "File d'alertes")]
    [InlineData("onco.lefevre", "/escalations", "Avis demandés")]
    [InlineData("admin.roussel", "/enrolment", "Inclusions")]
    public async Task A_member_of_the_directory_gets_the_directory_role_whatever_the_claims_say(string login, string page, string heading)
    {
        using var client = portal.CreateClient();

        using var attempt = await portal.SignInAsync(client, portal.User(login, "Nom du fournisseur", [OidcPortal.AdminGroup], []), page);

        Assert.Equal(page, attempt.Callback.Headers.Location?.OriginalString);
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(heading, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_the_directory_does_not_know_sees_the_no_access_page()
    {
        using var client = portal.CreateClient();

        using var attempt = await portal.SignInAsync(client, portal.User("inconnu@ght.test", "Inconnu", [OidcPortal.IdeGroup], []));

        Assert.Equal("/account/no-access?reason=no-role", attempt.Callback.Headers.Location?.OriginalString);
    }
}

/// <summary>Single sign-on outside Development, over https.</summary>
public sealed class OidcOutsideDevelopmentTests(StagingOidcPortal portal) : IClassFixture<StagingOidcPortal>
{
    [Fact]
    public async Task Answers_outside_development_carry_hsts_and_the_policy_lets_forms_reach_only_the_portal_and_the_provider()
    {
        using var client = portal.CreateClient("https://telesurv.ght.test");

        using var response = await client.GetAsync(new Uri("/account/signin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", string.Join(", ", response.Headers.GetValues("Strict-Transport-Security")));
        var csp = string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"form-action 'self' {portal.Provider.Issuer.GetLeftPart(UriPartial.Authority)};", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_and_correlation_cookies_are_secure_and_http_only_over_https()
    {
        using var client = portal.CreateClient("https://telesurv.ght.test");

        using var attempt = await portal.SignInAsync(client, portal.User("sso-prod", "Inès Morel", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]]));

        Assert.Equal("/", attempt.Callback.Headers.Location?.OriginalString);
        var session = Assert.Single(attempt.Callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith("telesurv.session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(attempt.AuthorizeUrl.Query);
        Assert.Equal("https://telesurv.ght.test/signin-oidc", query["redirect_uri"]);
        Assert.Equal("eidas1", query["acr_values"]);
    }

    [Theory]
    [InlineData("eidas0")]
    [InlineData(null)]
    public async Task A_token_at_another_level_than_the_one_asked_for_is_refused_and_says_so(string? acr)
    {
        using var client = portal.CreateClient("https://telesurv.ght.test");

        using var attempt = await portal.SignInAsync(client, portal.User("sso-weak", "Inès Morel", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]], claims =>
        {
            claims.Remove("acr");
            if (acr is not null)
            {
                claims["acr"] = acr;
            }
        }));

        Assert.Equal("/account/signin-failed?reason=weak-authentication", attempt.Callback.Headers.Location?.OriginalString);
        Assert.DoesNotContain(attempt.Callback.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith("telesurv.session=", StringComparison.Ordinal));
    }
}
