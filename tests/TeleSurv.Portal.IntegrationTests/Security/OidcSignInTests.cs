using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>
/// Single sign-on against a provider whose answers the test writes: the happy path with each role, and every way an
/// answer can be wrong (audience, issuer, lifetime, signature, nonce, replay, state), each ending on a page that says why.
/// </summary>
public sealed class OidcSignInTests(OidcPortal portal) : IClassFixture<OidcPortal>
{
    [Theory]
    [InlineData(OidcPortal.IdeGroup, "CHRIV", "/alerts", "File d'alertes")]
    [InlineData(OidcPortal.IpaGroup, "CHRIV", "/escalations", "Avis demandés")]
    [InlineData(OidcPortal.OncologistGroup, "CHVAL", "/escalations", "Avis demandés")]
    [InlineData(OidcPortal.AdminGroup, "HBEL", "/enrolment", "Inclusions")]
    public async Task A_user_signs_in_with_the_role_and_establishment_of_their_claims(string group, string establishment, string page, string heading)
    {
        using var client = portal.CreateClient();
        var subject = "sso-" + Guid.NewGuid().ToString("N")[..8];

        using var attempt = await portal.SignInAsync(client, portal.User(subject, "Alex Durand", [group, "Autre.Groupe"], [portal.Finess[establishment]]), page);

        Assert.Equal(HttpStatusCode.Redirect, attempt.Callback.StatusCode);
        Assert.Equal(page, attempt.Callback.Headers.Location?.OriginalString);
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(heading, html, StringComparison.Ordinal);
        Assert.Contains("Alex Durand", html, StringComparison.Ordinal);

        var member = await FindStaffAsync(subject);
        Assert.NotNull(member);
        Assert.Equal("Alex Durand", member.DisplayName);
        Assert.Equal(subject + "@ght.test", member.Email);
        Assert.Equal(await EstablishmentIdAsync(establishment), Assert.Single(member.Establishments).EstablishmentId);
    }

    [Fact]
    public async Task The_authorization_request_uses_pkce_a_nonce_and_the_configured_scopes()
    {
        using var client = portal.CreateClient();

        using var attempt = await portal.SignInAsync(client, portal.User("sso-pkce", "Alex Durand", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]]));

        var query = QueryHelpers.ParseQuery(attempt.AuthorizeUrl.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(TestIdentityProvider.ClientId, query["client_id"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(["openid", "profile", "email"], query["scope"].ToString().Split(' '));
        Assert.Equal("http://localhost/signin-oidc", query["redirect_uri"]);
        Assert.False(query.ContainsKey("acr_values"), "no authentication level asked unless configured");
        using var second = await portal.SignInAsync(portal.CreateClient(), portal.User("sso-pkce", "Alex Durand", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]]));
        Assert.True(attempt.Nonce.Length >= 32, "the nonce is long enough not to be guessed");
        Assert.NotEqual(attempt.Nonce, second.Nonce);
    }

    [Fact]
    public async Task Claims_are_brought_up_to_date_at_every_sign_in()
    {
        using var first = portal.CreateClient();
        using (await portal.SignInAsync(first, portal.User("sso-moves", "Camille Roy", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]])))
        {
        }

        using var second = portal.CreateClient();
        using var attempt = await portal.SignInAsync(second, portal.User("sso-moves", "Camille Roy-Leroux", [OidcPortal.IpaGroup], [portal.Finess["CHVAL"], portal.Finess["HBEL"]]));

        Assert.Equal(HttpStatusCode.Redirect, attempt.Callback.StatusCode);
        var member = await FindStaffAsync("sso-moves");
        Assert.NotNull(member);
        Assert.Equal("Camille Roy-Leroux", member.DisplayName);
        Assert.Equal(StaffRole.Ipa, member.Role);
        Assert.Equal(
            new[] { await EstablishmentIdAsync("CHVAL"), await EstablishmentIdAsync("HBEL") }.Order(),
            member.Establishments.Select(l => l.EstablishmentId).Order());
    }

    [Fact]
    public async Task A_user_whose_claims_map_to_no_role_sees_the_no_access_page()
    {
        using var client = portal.CreateClient();

        using var attempt = await portal.SignInAsync(client, portal.User("sso-norole", "Paul Martin", ["Comptabilité"], [portal.Finess["CHRIV"]]));

        Assert.Equal("/account/no-access?reason=no-role", attempt.Callback.Headers.Location?.OriginalString);
        Assert.DoesNotContain(SetCookies(attempt.Callback), c => c.StartsWith("telesurv.session=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        var page = await PageAsync(client, attempt.Callback.Headers.Location!);
        Assert.Contains("aucun rôle TeleSurv", page, StringComparison.Ordinal);
        Assert.Contains("data-no-access=\"no-role\"", page, StringComparison.Ordinal);
        Assert.Null(await FindStaffAsync("sso-norole"));

        using var alerts = await client.GetAsync(new Uri("/alerts", UriKind.Relative));
        Assert.StartsWith("http://localhost/account/signin", alerts.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_of_no_known_establishment_sees_the_no_access_page()
    {
        using var client = portal.CreateClient();

        using var attempt = await portal.SignInAsync(client, portal.User("sso-nowhere", "Paul Martin", [OidcPortal.IdeGroup], ["750000001", "pas-un-finess"]));

        Assert.Equal("/account/no-access?reason=no-establishment", attempt.Callback.Headers.Location?.OriginalString);
        Assert.Contains("aucun établissement", await PageAsync(client, attempt.Callback.Headers.Location!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_member_of_staff_is_refused()
    {
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            db.StaffMembers.Add(new StaffMember { Login = "sso-left", DisplayName = "Ancien Agent", Role = StaffRole.Ide, IsActive = false });
            await db.SaveChangesAsync();
        }

        using var client = portal.CreateClient();
        using var attempt = await portal.SignInAsync(client, portal.User("sso-left", "Ancien Agent", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]]));

        Assert.Equal("/account/no-access?reason=inactive", attempt.Callback.Headers.Location?.OriginalString);
    }

    public static TheoryData<string, string, string> BadTokens => new()
    {
        { "wrong audience", "wrong-audience", "une autre application" },
        { "wrong issuer", "wrong-issuer", "un autre fournisseur" },
        { "expired", "expired", "a expiré" },
        { "not yet valid", "expired", "a expiré" },
        { "no expiry", "expired", "a expiré" },
        { "signed by another key", "bad-signature", "aucune clé" },
        { "signed by an unknown key", "bad-signature", "aucune clé" },
        { "unsigned", "bad-signature", "aucune clé" },
        { "not a JWT", "token-invalid", "illisible" },
        { "nonce of another attempt", "nonce-mismatch", "une autre tentative" },
        { "no nonce", "nonce-mismatch", "une autre tentative" },
        { "no subject", "missing-login", "identifiant" },
        { "two audiences without azp", "wrong-audience", "une autre application" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_id_token_is_refused_with_a_page_that_says_why(string situation, string reason, string explanation)
    {
        using var client = portal.CreateClient();

        using var attempt = await portal.SignInAsync(client, nonce => Forge(situation, nonce));

        Assert.Equal("/account/signin-failed?reason=" + reason, attempt.Callback.Headers.Location?.OriginalString);
        Assert.DoesNotContain(SetCookies(attempt.Callback), c => c.StartsWith("telesurv.session=", StringComparison.Ordinal));
        var page = await PageAsync(client, attempt.Callback.Headers.Location!);
        Assert.Contains($"data-signin-failure=\"{reason}\"", page, StringComparison.Ordinal);
        Assert.Contains(explanation, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_sign_in_replayed_with_its_state_and_cookie_is_refused_as_a_replayed_nonce()
    {
        portal.Provider.CodesAreSingleUse = false;
        try
        {
            using var client = portal.CreateClient();
            var correlation = new List<string>();
            using var challenge = await client.GetAsync(new Uri("/account/signin/oidc", UriKind.Relative));
            correlation.AddRange(AttemptCookies(challenge));
            var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
            var idToken = portal.User("sso-replay", "Rémi Blanc", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]])(query["nonce"].ToString());
            var code = portal.Provider.IssueCode(query["code_challenge"].ToString(), idToken);
            var callback = new Uri($"/signin-oidc?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}", UriKind.Relative);

            using var first = await client.GetAsync(callback);
            Assert.Equal("/", first.Headers.Location?.OriginalString);

            // The attacker's copy: a fresh browser holding the captured correlation and nonce cookies and callback address.
            using var attacker = portal.CreateClient();
            using var replay = new HttpRequestMessage(HttpMethod.Get, callback);
            replay.Headers.Add("Cookie", string.Join("; ", correlation));
            using var second = await attacker.SendAsync(replay);

            Assert.Equal("/account/signin-failed?reason=nonce-replayed", second.Headers.Location?.OriginalString);
            Assert.Contains("déjà servi", await PageAsync(attacker, second.Headers.Location!), StringComparison.Ordinal);
        }
        finally
        {
            portal.Provider.CodesAreSingleUse = true;
        }
    }

    [Fact]
    public async Task A_callback_whose_state_was_tampered_with_is_refused_as_a_state_mismatch()
    {
        using var client = portal.CreateClient();
        using var challenge = await client.GetAsync(new Uri("/account/signin/oidc", UriKind.Relative));
        var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        var state = query["state"].ToString();
        var tampered = state[..^4] + (state[^4] == 'A' ? 'B' : 'A') + state[^3..];

        using var callback = await client.GetAsync(new Uri($"/signin-oidc?code=any&state={Uri.EscapeDataString(tampered)}", UriKind.Relative));

        Assert.Equal("/account/signin-failed?reason=state-mismatch", callback.Headers.Location?.OriginalString);
        Assert.Contains("ne correspond à aucune connexion", await PageAsync(client, callback.Headers.Location!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_reaching_another_browser_than_the_one_that_started_is_refused_as_a_state_mismatch()
    {
        using var victim = portal.CreateClient();
        using var challenge = await victim.GetAsync(new Uri("/account/signin/oidc", UriKind.Relative));
        var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        var code = portal.Provider.IssueCode(query["code_challenge"].ToString(), portal.User("sso-csrf", "X", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]])(query["nonce"].ToString()));

        using var other = portal.CreateClient();
        using var callback = await other.GetAsync(new Uri($"/signin-oidc?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}", UriKind.Relative));

        Assert.Equal("/account/signin-failed?reason=state-mismatch", callback.Headers.Location?.OriginalString);
        Assert.Null(await FindStaffAsync("sso-csrf"));
    }

    [Fact]
    public async Task An_error_answered_by_the_provider_is_refused_as_a_provider_error()
    {
        using var client = portal.CreateClient();
        using var challenge = await client.GetAsync(new Uri("/account/signin/oidc", UriKind.Relative));
        var state = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query)["state"].ToString();

        using var callback = await client.GetAsync(new Uri($"/signin-oidc?error=access_denied&error_description=refus&state={Uri.EscapeDataString(state)}", UriKind.Relative));

        Assert.Equal("/account/signin-failed?reason=provider-error", callback.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_portal_session_and_the_provider_session()
    {
        using var client = portal.CreateClient();
        var idToken = string.Empty;
        using (await portal.SignInAsync(client, nonce => idToken = portal.User("sso-out", "Lina Garcia", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]])(nonce)))
        {
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, "/alerts") });
        using var signOut = await client.PostAsync(new Uri("/account/signout", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var endSession = signOut.Headers.Location!;
        Assert.StartsWith(portal.Provider.Issuer.AbsoluteUri.TrimEnd('/') + "/session/end?", endSession.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(endSession.Query);
        Assert.Equal(idToken, query["id_token_hint"]);
        Assert.Equal(TestIdentityProvider.ClientId, query["client_id"]);
        Assert.Equal("http://localhost/account/signed-out", query["post_logout_redirect_uri"]);
        using var alerts = await client.GetAsync(new Uri("/alerts", UriKind.Relative));
        Assert.StartsWith("http://localhost/account/signin", alerts.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("Vous êtes déconnecté", await PageAsync(client, new Uri("/account/signed-out", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_without_the_antiforgery_token_is_refused_and_the_session_stays()
    {
        using var client = portal.CreateClient();
        using (await portal.SignInAsync(client, portal.User("sso-csrf-out", "Lina Garcia", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]])))
        {
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>());
        using var signOut = await client.PostAsync(new Uri("/account/signout", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        using var alerts = await client.GetAsync(new Uri("/alerts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
    }

    [Fact]
    public async Task A_code_presented_a_second_time_is_refused_by_the_provider_and_shown_as_a_provider_error()
    {
        using var client = portal.CreateClient();
        using var challenge = await client.GetAsync(new Uri("/account/signin/oidc", UriKind.Relative));
        var cookies = AttemptCookies(challenge).ToList();
        var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        var idToken = portal.User("sso-code-replay", "Rémi Blanc", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]])(query["nonce"].ToString());
        var code = portal.Provider.IssueCode(query["code_challenge"].ToString(), idToken);
        var callback = new Uri($"/signin-oidc?code={code}&state={Uri.EscapeDataString(query["state"].ToString())}", UriKind.Relative);
        using var first = await client.GetAsync(callback);
        Assert.Equal("/", first.Headers.Location?.OriginalString);
        var exchanges = portal.Provider.TokenRequests;

        using var attacker = portal.CreateClient();
        using var replay = new HttpRequestMessage(HttpMethod.Get, callback);
        replay.Headers.Add("Cookie", string.Join("; ", cookies));
        using var second = await attacker.SendAsync(replay);

        Assert.Equal(exchanges + 1, portal.Provider.TokenRequests);
        Assert.Equal("/account/signin-failed?reason=provider-error", second.Headers.Location?.OriginalString);
        Assert.DoesNotContain(SetCookies(second), c => c.StartsWith("telesurv.session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_sign_out_the_next_sign_in_in_that_browser_asks_the_provider_for_the_login_again()
    {
        using var client = portal.CreateClient();
        using (var attempt = await portal.SignInAsync(client, portal.User("sso-prompt", "Lina Garcia", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]])))
        {
            Assert.False(QueryHelpers.ParseQuery(attempt.AuthorizeUrl.Query).ContainsKey("prompt"), "a first sign-in lets the provider's session answer");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, "/alerts") });
        using (var signOut = await client.PostAsync(new Uri("/account/signout", UriKind.Relative), form))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using (var again = await portal.SignInAsync(client, portal.User("sso-prompt", "Lina Garcia", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]])))
        {
            Assert.Equal("login", QueryHelpers.ParseQuery(again.AuthorizeUrl.Query)["prompt"]);
            Assert.Equal("/", again.Callback.Headers.Location?.OriginalString);
        }

        // Signed in again: the next sign-in of this browser is an ordinary one.
        using var challenge = await client.GetAsync(new Uri("/account/signin/oidc", UriKind.Relative));
        Assert.False(QueryHelpers.ParseQuery(challenge.Headers.Location!.Query).ContainsKey("prompt"));

        using var other = portal.CreateClient();
        using var otherChallenge = await other.GetAsync(new Uri("/account/signin/oidc", UriKind.Relative));
        Assert.False(QueryHelpers.ParseQuery(otherChallenge.Headers.Location!.Query).ContainsKey("prompt"));
    }

    [Fact]
    public async Task A_front_channel_logout_from_the_provider_ends_the_portal_sessions_of_that_provider_session()
    {
        var sid = "sid-" + Guid.NewGuid().ToString("N");
        using var nurse = portal.CreateClient();
        using (var attempt = await portal.SignInAsync(nurse, portal.User("sso-frontchannel", "Lina Garcia", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]], c => c["sid"] = sid)))
        {
            Assert.Equal("/", attempt.Callback.Headers.Location?.OriginalString);
        }

        using var colleague = portal.CreateClient();
        using (await portal.SignInAsync(colleague, portal.User("sso-frontchannel-2", "Inès Morel", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]], c => c["sid"] = "sid-other")))
        {
        }

        // The provider's hidden frame: no portal cookie. Another issuer, or no session id, is refused and ends nothing.
        using var frame = portal.CreateClient();
        using (var foreign = await frame.GetAsync(new Uri($"/account/frontchannel-logout?iss={Uri.EscapeDataString("https://idp.elsewhere.example")}&sid={sid}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        }

        using (var noSid = await frame.GetAsync(new Uri($"/account/frontchannel-logout?iss={Uri.EscapeDataString(portal.Provider.Issuer.AbsoluteUri.TrimEnd('/'))}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noSid.StatusCode);
        }

        using (var stillIn = await nurse.GetAsync(new Uri("/alerts", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }

        using var logout = await frame.GetAsync(new Uri($"/account/frontchannel-logout?iss={Uri.EscapeDataString(portal.Provider.Issuer.AbsoluteUri.TrimEnd('/'))}&sid={sid}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Contains("no-store", logout.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using (var ended = await nurse.GetAsync(new Uri("/alerts", UriKind.Relative)))
        {
            Assert.StartsWith("http://localhost/account/signin", ended.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        using (var other = await colleague.GetAsync(new Uri("/alerts", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        var member = await FindStaffAsync("sso-frontchannel");
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var session = await db.StaffSessions.AsNoTracking().SingleAsync(s => s.StaffMemberId == member!.Id);
        Assert.NotNull(session.EndedAt);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "account.sign-out" && a.StaffMemberId == member!.Id && a.Detail!.Contains("front-channel")));
    }

    [Fact]
    public async Task The_sign_in_page_offers_single_sign_on_and_no_demo_users()
    {
        using var client = portal.CreateClient();

        var html = await PageAsync(client, new Uri("/account/signin?returnUrl=%2Falerts", UriKind.Relative));

        Assert.Contains("href=\"account/signin/oidc?returnUrl=%2Falerts\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-login=", html, StringComparison.Ordinal);
        using var demo = await client.PostAsync(new Uri("/account/demo-signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, "/account/no-access"),
            ["login"] = "ide.bernard",
        }));
        Assert.Equal(HttpStatusCode.NotFound, demo.StatusCode);
    }

    [Fact]
    public async Task A_return_address_outside_the_portal_is_ignored()
    {
        using var client = portal.CreateClient();

        using var attempt = await portal.SignInAsync(client, portal.User("sso-open-redirect", "Alex Durand", [OidcPortal.IdeGroup], [portal.Finess["CHRIV"]]), "//evil.example/phish");

        Assert.Equal("/", attempt.Callback.Headers.Location?.OriginalString);
    }

    private string Forge(string situation, string nonce)
    {
        var claims = portal.Provider.ValidClaims(nonce, "sso-forged");
        claims["roles"] = new[] { OidcPortal.IdeGroup };
        claims["finess"] = new[] { portal.Finess["CHRIV"] };
        SecurityKey? key = null;
        switch (situation)
        {
            case "wrong audience":
                claims["aud"] = "another-application";
                break;
            case "wrong issuer":
                claims["iss"] = "https://idp.elsewhere.example";
                break;
            case "expired":
                claims["iat"] = EpochTime.GetIntDate(DateTime.UtcNow.AddHours(-2));
                claims["exp"] = EpochTime.GetIntDate(DateTime.UtcNow.AddMinutes(-10));
                break;
            case "not yet valid":
                claims["nbf"] = EpochTime.GetIntDate(DateTime.UtcNow.AddMinutes(30));
                break;
            case "no expiry":
                claims.Remove("exp");
                break;
            case "signed by another key":
                key = TestIdentityProvider.NewKey(portal.Provider.SigningKey.KeyId!);
                break;
            case "signed by an unknown key":
                key = TestIdentityProvider.NewKey("unknown-key");
                break;
            case "unsigned":
                var signed = portal.Provider.Sign(claims);
                return string.Join('.', signed.Split('.')[..2]) + ".";
            case "not a JWT":
                return "pas-un-jeton";
            case "nonce of another attempt":
                claims["nonce"] = Base64UrlEncoder.Encode(Guid.NewGuid().ToByteArray());
                break;
            case "no nonce":
                claims.Remove("nonce");
                break;
            case "no subject":
                claims.Remove("sub");
                break;
            case "two audiences without azp":
                claims["aud"] = new[] { TestIdentityProvider.ClientId, "another-application" };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(situation), situation, null);
        }

        return portal.Provider.Sign(claims, key);
    }

    /// <summary>The antiforgery token of a page's forms (the sign-in page has none in this mode).</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var page = await PageAsync(client, new Uri(path, UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(page, "<input(?=[^>]*name=\"__RequestVerificationToken\")[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, $"{path} carries an antiforgery token");
        return token.Groups[1].Value;
    }

    /// <summary>The cookies a sign-in attempt leaves in the browser that started it (correlation and nonce), as name=value.</summary>
    private static IEnumerable<string> AttemptCookies(HttpResponseMessage challenge) =>
        SetCookies(challenge)
            .Where(c => c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal) || c.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]);

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static async Task<string> PageAsync(HttpClient client, Uri address)
    {
        using var response = await client.GetAsync(address.IsAbsoluteUri ? new Uri(address.PathAndQuery, UriKind.Relative) : address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task<StaffMember?> FindStaffAsync(string login)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.StaffMembers.AsNoTracking().FirstOrDefaultAsync(s => s.Login == login);
    }

    private async Task<Guid> EstablishmentIdAsync(string code)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Establishments.Where(e => e.Code == code).Select(e => e.Id).SingleAsync();
    }
}
