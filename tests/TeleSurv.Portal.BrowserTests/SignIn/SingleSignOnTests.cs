using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.SignIn;

/// <summary>Single sign-on in Chromium against a real OpenID Connect provider (npm oidc-provider).</summary>
public sealed class SingleSignOnTests(SsoPortalServer server) : IClassFixture<SsoPortalServer>
{
    [Fact]
    public async Task A_nurse_signs_in_at_the_provider_works_with_her_role_and_signing_out_ends_both_sessions()
    {
        var page = await server.NewPageAsync();

        await page.GotoAsync("/alerts");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin\\?ReturnUrl=%2Falerts$"));
        await page.Locator("[data-sso-signin]").ClickAsync();
        await SignInAtProviderAsync(page, "julie.ide");

        await Expect(page).ToHaveURLAsync(new Regex("/alerts$"));
        await PortalPages.WaitForCircuitAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync("File d'alertes");
        await Expect(page.Locator(".user-menu-name")).ToHaveTextAsync("Julie Moreau");
        await Expect(page.Locator(".user-menu .role-badge")).ToHaveTextAsync("IDE");
        await Expect(page.Locator("tr:has([data-alert-id])").First).ToBeVisibleAsync();

        // The role decides what she may open: the oncologists' inbox is not hers.
        await page.GotoAsync("/escalations");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Accès refusé");

        await page.Locator(".user-menu form button[type='submit']").ClickAsync();
        await page.Locator("button[name='logout'][value='yes']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signed-out$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Vous êtes déconnecté");

        // The provider's session ended too: signing in again asks for the login.
        await page.GotoAsync("/alerts");
        await page.Locator("[data-sso-signin]").ClickAsync();
        await Expect(page.Locator("input[name='login']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_oncologist_lands_with_his_role_and_reaches_the_escalation_inbox()
    {
        var page = await server.NewPageAsync();

        await page.GotoAsync("/account/signin?returnUrl=%2Fescalations");
        await page.Locator("[data-sso-signin]").ClickAsync();
        await SignInAtProviderAsync(page, "marc.onco");

        await Expect(page).ToHaveURLAsync(new Regex("/escalations$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Avis demandés");
        await Expect(page.Locator(".user-menu .role-badge")).ToHaveTextAsync("Oncologue");
    }

    [Fact]
    public async Task Someone_without_a_portal_role_sees_the_no_access_page_and_can_leave_the_provider_session()
    {
        var page = await server.NewPageAsync();

        await page.GotoAsync("/account/signin");
        await page.Locator("[data-sso-signin]").ClickAsync();
        await SignInAtProviderAsync(page, "paul.compta");

        await Expect(page).ToHaveURLAsync(new Regex("/account/no-access\\?reason=no-role$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Pas d'accès à TeleSurv");
        await Expect(page.Locator("[role='alert']")).ToContainTextAsync("aucun rôle TeleSurv");

        await page.Locator("form[action='account/signout'] button").ClickAsync();
        await page.Locator("button[name='logout'][value='yes']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signed-out$"));
    }

    [Fact]
    public async Task A_callback_this_browser_never_started_shows_the_refusal_page()
    {
        var page = await server.NewPageAsync();

        await page.GotoAsync("/signin-oidc?code=forged&state=forged");

        await Expect(page).ToHaveURLAsync(new Regex("/account/signin-failed\\?reason=state-mismatch$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Connexion refusée");
        await page.Locator("a[data-action='retry']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin$"));
    }

    [Fact]
    public async Task After_the_provider_rolls_its_signing_key_over_sign_in_goes_on_without_restarting_the_portal()
    {
        var first = await server.NewPageAsync();
        await first.GotoAsync("/account/signin?returnUrl=%2Falerts");
        await first.Locator("[data-sso-signin]").ClickAsync();
        await SignInAtProviderAsync(first, "julie.ide");
        await Expect(first).ToHaveURLAsync(new Regex("/alerts$"));

        await server.RotateProviderKeysAsync();

        // The next id_token is signed with a key the portal has never seen: it reads the provider's keys again.
        var page = await server.NewPageAsync();
        await page.GotoAsync("/account/signin?returnUrl=%2Fescalations");
        await page.Locator("[data-sso-signin]").ClickAsync();
        await SignInAtProviderAsync(page, "marc.onco");

        await Expect(page).ToHaveURLAsync(new Regex("/escalations$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Avis demandés");
        await Expect(page.Locator(".user-menu .role-badge")).ToHaveTextAsync("Oncologue");
    }

    /// <summary>oidc-provider's development pages: any login with any password, then consent.</summary>
    private static async Task SignInAtProviderAsync(IPage page, string login)
    {
        await page.Locator("input[name='login']").FillAsync(login);
        await page.Locator("input[name='password']").FillAsync("any-password");
        await page.Locator("button.login-submit").ClickAsync();
        await page.Locator("button.login-submit").ClickAsync();
    }
}
