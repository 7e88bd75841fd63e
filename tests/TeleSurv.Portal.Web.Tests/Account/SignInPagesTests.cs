using Bunit;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Staff;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components.Account;
using TeleSurv.Portal.Web.Security;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Account;

/// <summary>The sign-in page offers the hospital's single sign-on, or the demo users where demo sign-in is on; the account pages say what happened and the way back.</summary>
public sealed class SignInPagesTests : PortalComponentTest
{
    private static readonly DemoUser Nurse = new(Guid.CreateVersion7(), "ide.bernard", "Claire Bernard", StaffRole.Ide, "Onco", ["CH Rivemont", "Clinique de Lanvern"]);

    private readonly AuthOptions _auth = new();
    private IReadOnlyList<DemoUser> _users = [Nurse];
    private readonly RecordingSender _sender = new();

    public SignInPagesTests()
    {
        _sender.On<ListDemoUsersQuery, IReadOnlyList<DemoUser>>(_ => _users);
        Services.AddSingleton<ISender>(_sender);
        Services.AddSingleton(_auth);
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
    }

    [Fact]
    public void With_single_sign_on_the_hospital_button_is_all_that_is_offered_and_keeps_the_page_asked_for()
    {
        _auth.Mode = AuthMode.Oidc;
        GoTo("/account/signin?returnUrl=%2Falerts%3Fpage%3D2");

        var page = Render<SignIn>();

        var sso = page.Find("a[data-sso-signin]");
        Assert.Equal("account/signin/oidc?returnUrl=%2Falerts%3Fpage%3D2", sso.GetAttribute("href"));
        Assert.Contains("Se connecter avec mon établissement", sso.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-login]"));
        Assert.Empty(page.FindAll("form[action='account/demo-signin']"));
        Assert.Empty(_sender.SentOf<ListDemoUsersQuery>());
    }

    [Fact]
    public void Single_sign_on_never_sends_back_to_another_site()
    {
        _auth.Mode = AuthMode.Oidc;
        GoTo("/account/signin?returnUrl=https%3A%2F%2Fevil.example%2F");

        var page = Render<SignIn>();

        Assert.Equal("account/signin/oidc?returnUrl=%2F", page.Find("a[data-sso-signin]").GetAttribute("href"));
    }

    [Fact]
    public void In_demo_mode_each_demo_user_is_a_sign_in_button_with_role_and_establishments_and_no_single_sign_on()
    {
        GoTo("/account/signin?returnUrl=%2Fpatients");

        var page = Render<SignIn>();

        var button = page.Find("button[type='submit'][data-login='ide.bernard']");
        Assert.Contains("Claire Bernard", button.TextContent, StringComparison.Ordinal);
        Assert.Contains("IDE", button.TextContent, StringComparison.Ordinal);
        Assert.Contains("CH Rivemont, Clinique de Lanvern", button.TextContent, StringComparison.Ordinal);
        var form = button.Closest("form")!;
        Assert.Equal("account/demo-signin", form.GetAttribute("action"));
        Assert.Equal("ide.bernard", form.QuerySelector("input[name='login']")!.GetAttribute("value"));
        Assert.Equal("/patients", form.QuerySelector("input[name='returnUrl']")!.GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-sso-signin]"));
        Assert.Empty(page.FindAll("[data-demo-banner]"));
        Assert.Single(_sender.SentOf<ListDemoUsersQuery>());
    }

    [Fact]
    public void Demo_sign_in_allowed_outside_development_is_flagged_in_red()
    {
        _auth.DemoOutsideDevelopment = true;
        GoTo("/account/signin");

        var page = Render<SignIn>();

        Assert.Contains("n'importe qui peut se connecter ici", page.Find("[data-demo-banner]").TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-alert-filled-error", page.Find("[data-demo-banner]").ClassList);
    }

    [Fact]
    public void An_unknown_demo_user_is_said_and_no_demo_user_at_all_too()
    {
        _users = [];
        GoTo("/account/signin?error=unknown-user");

        var page = Render<SignIn>();

        Assert.Contains("Cet utilisateur n'existe pas ou n'est plus actif.", page.Find("[data-signin-error]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Aucun utilisateur de démonstration.", page.Find("[data-no-demo-users]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-login]"));
    }

    [Fact]
    public void A_refused_sign_in_says_why_and_offers_to_start_again()
    {
        GoTo("/account/signin-failed?reason=nonce-replayed");

        var page = Render<SignInFailed>();

        Assert.Equal("nonce-replayed", page.Find("[data-signin-failure]").GetAttribute("data-signin-failure"));
        Assert.Contains("Ce jeton d'identité a déjà servi à une connexion", page.Find("[role='alert']").TextContent, StringComparison.Ordinal);
        Assert.Equal(AuthenticationSetup.SignInPath, page.Find("a[data-action='retry']").GetAttribute("href"));
    }

    [Fact]
    public void An_unknown_failure_code_falls_back_to_the_general_message()
    {
        GoTo("/account/signin-failed?reason=%3Cscript%3E");

        var page = Render<SignInFailed>();

        Assert.Equal("failed", page.Find("[data-signin-failure]").GetAttribute("data-signin-failure"));
        Assert.Contains("La connexion n'a pas pu aboutir.", page.Find("[role='alert']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_without_access_is_told_why_and_may_sign_out_to_use_another()
    {
        GoTo("/account/no-access?reason=no-establishment");

        var page = Render<NoAccess>();

        Assert.Equal("no-establishment", page.Find("[data-no-access]").GetAttribute("data-no-access"));
        Assert.Contains("n'est rattaché à aucun établissement", page.Find("[role='alert']").TextContent, StringComparison.Ordinal);
        var signOut = page.Find("form[action='account/signout'] button[type='submit']");
        Assert.Contains("Se déconnecter pour utiliser un autre compte", signOut.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signed_out_page_offers_to_sign_in_again_in_english_too()
    {
        UseCulture("en-GB");

        var page = Render<SignedOut>();

        Assert.Equal("You are signed out", page.Find("h1").TextContent.Trim());
        var again = page.Find("a[data-action='sign-in']");
        Assert.Equal(AuthenticationSetup.SignInPath, again.GetAttribute("href"));
        Assert.Contains("Sign in again", again.TextContent, StringComparison.Ordinal);
    }

    private void GoTo(string uri) => Services.GetRequiredService<NavigationManager>().NavigateTo(uri);

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
