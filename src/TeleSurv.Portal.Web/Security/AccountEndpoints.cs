using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using TeleSurv.Portal.Application.Common.Messaging;
using TeleSurv.Portal.Application.Staff;

namespace TeleSurv.Portal.Web.Security;

public static class AccountEndpoints
{
    /// <summary>Demo sign-in (a form post choosing a seeded user) and sign-out (a POST, with antiforgery).</summary>
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
                return Results.LocalRedirect($"{AuthenticationSetup.SignInPath}?error=unknown-user");
            }

            var principal = PortalClaims.CreatePrincipal(
                profile.StaffMemberId, login, profile.DisplayName, profile.Role, profile.EstablishmentIds, "Demo");
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous();

        account.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(AuthenticationSetup.SignInPath);
        });

        return endpoints;
    }

    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
