using Mediator;
using Microsoft.Net.Http.Headers;
using TeleSurv.Portal.Application.Staff;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Web.Security;

public static class FrontChannelLogout
{
    /// <summary>
    /// OpenID Connect Front-Channel Logout 1.0: the provider loads this address in a hidden frame when the user signs
    /// out there (or elsewhere in the hospital's single sign-on); the portal sessions of that provider session end at
    /// once, on every open page, whichever browser holds them.
    /// </summary>
    public static async Task<IResult> HandleAsync(HttpContext context, string? iss, string? sid, OidcSettings settings, ISender sender, StaffSessionSignals signals)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        context.Response.Headers.CacheControl = "no-cache, no-store";
        context.Response.Headers[HeaderNames.Pragma] = "no-cache";
        if (!string.IsNullOrEmpty(iss) && !string.Equals(iss.TrimEnd('/'), settings.Authority.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal))
        {
            return Results.BadRequest();
        }

        if (string.IsNullOrEmpty(sid))
        {
            // Without a session id only the portal's own cookie could say whose session it is, and a frame does not carry it.
            return Results.BadRequest();
        }

        if (sid.Length > StaffSession.ProviderSessionIdMaxLength)
        {
            return Results.BadRequest();
        }

        // The sessions are found in the database: the call may reach any instance, after a restart too.
        foreach (var (_, member) in await sender.Send(new EndProviderSessionCommand(sid), CancellationToken.None))
        {
            var principal = PortalClaims.CreatePrincipal(
                member.StaffMemberId, member.Login, member.DisplayName, member.Role, member.EstablishmentIds, "Oidc");
            await SignInAudit.SignedOutAtProviderAsync(context, principal);
            signals.Changed(member.StaffMemberId);
        }

        return Results.Ok();
    }
}
