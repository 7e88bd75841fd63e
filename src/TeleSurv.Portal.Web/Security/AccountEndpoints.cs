using Mediator;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using TeleSurv.Portal.Application.Staff;

namespace TeleSurv.Portal.Web.Security;

public static class AccountEndpoints
{
    /// <summary>
    /// Demo sign-in (a form post choosing a seeded user), single sign-on (a redirect to the identity provider) and
    /// sign-out (a POST, with antiforgery), which also ends the provider's session when it offers to.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");

        account.MapPost("/demo-signin", async (
            [FromForm] string login,
            [FromForm] string? returnUrl,
            HttpContext context,
            AuthOptions options,
            ISender sender,
            CancellationToken cancellationToken) =>
        {
            if (options.Mode != AuthMode.Demo)
            {
                return Results.NotFound();
            }

            var profile = await sender.Send(new GetSignInProfileQuery(login), cancellationToken);
            if (profile is null)
            {
                await SignInAudit.FailedAsync(context, "Demo", "unknown or inactive login");
                return Results.LocalRedirect($"{AuthenticationSetup.SignInPath}?error=unknown-user");
            }

            var principal = PortalClaims.CreatePrincipal(
                profile.StaffMemberId, login, profile.DisplayName, profile.Role, profile.EstablishmentIds, "Demo");
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous();

        account.MapGet("/signin/oidc", (string? returnUrl, AuthOptions options) =>
            options.Mode != AuthMode.Oidc
                ? Results.NotFound()
                : Results.Challenge(
                    new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" },
                    [OidcEvents.SchemeName]))
            .AllowAnonymous();

        account.MapGet("/frontchannel-logout", (HttpContext context, string? iss, string? sid, AuthOptions options, ISender sender, StaffSessionSignals signals) =>
            options.Mode != AuthMode.Oidc
                ? Task.FromResult(Results.NotFound())
                : FrontChannelLogout.HandleAsync(context, iss, sid, options.Oidc!, sender, signals))
            .AllowAnonymous();

        // Called by the page while the user works (wwwroot/js/session-idle.js): the request itself slides the session
        // cookie, which an open Blazor circuit would otherwise never renew.
        account.MapGet("/keepalive", () => Results.NoContent()).RequireAuthorization();

        // Also reachable signed out: the no-access page offers it to end a provider session that gives no access here.
        account.MapPost("/signout", async (HttpContext context, AuthOptions options, IAntiforgery antiforgery) =>
        {
            // Nothing is bound from the form, so the framework does not check the token by itself.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (options.Mode != AuthMode.Oidc)
            {
                return Results.LocalRedirect(AuthenticationSetup.SignInPath);
            }

            // On a shared workstation the provider's session may outlive this one: the next sign-in here asks for the login.
            context.Response.Cookies.Append(OidcEvents.SignedOutCookie, "1", new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
            });

            // The handler sends the browser to the provider's end-session endpoint with the id_token as hint.
            return Results.SignOut(
                new AuthenticationProperties { RedirectUri = AuthenticationSetup.SignedOutPath },
                [OidcEvents.SchemeName]);
        }).AllowAnonymous();

        return endpoints;
    }

    /// <summary>
    /// A path of this site to send the browser back to. A control character anywhere makes it not local: browsers drop
    /// tabs and line breaks, so "/\t/evil.example" would reach another site (and the framework's redirect refuses it).
    /// </summary>
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
