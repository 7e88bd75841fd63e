using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using TeleSurv.Portal.Application.Staff;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// Ties the session cookie to a server-side session, whatever handler signed the user in: a sign-in that completes
/// opens a <c>StaffSession</c> and writes its id into the cookie; every request checks it and takes the directory's
/// current role and establishments; sign-out ends it. A cookie whose session ended (sign-out, an admin, deactivation)
/// is refused, copies included.
/// </summary>
public sealed partial class StaffSessionCookieEvents(AuthOptions options, StaffSessionSignals signals, ILogger<StaffSessionCookieEvents> logger)
    : CookieAuthenticationEvents
{
    public override async Task SigningIn(CookieSigningInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        if (principal?.Identity is not ClaimsIdentity identity || principal.StaffMemberId() is not { } staffMemberId)
        {
            return;
        }

        if (principal.SessionId() is null)
        {
            var sender = context.HttpContext.RequestServices.GetRequiredService<ISender>();
            var address = SignInAudit.ClientAddress(context.HttpContext);
            var method = identity.AuthenticationType ?? "Cookies";
            var providerSession = principal.FindFirstValue(PortalClaims.ProviderSession);
            var sessionId = await sender.Send(
                new OpenStaffSessionCommand(staffMemberId, method, address, providerSession), context.HttpContext.RequestAborted);
            identity.AddClaim(new Claim(PortalClaims.Session, sessionId.ToString()));

            await SignInAudit.SignedInAsync(context.HttpContext, principal, method);
        }

        await base.SigningIn(context);
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var checker = context.HttpContext.RequestServices.GetRequiredService<StaffSessionCheck>();
        var current = principal is null ? null : await checker.CheckAsync(principal, touch: true, context.HttpContext.RequestAborted);
        if (current is null)
        {
            LogSessionRefused(logger);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (!ReferenceEquals(current, principal))
        {
            // Role or establishments changed in the directory: the cookie carries them from now on.
            context.ReplacePrincipal(current);
            context.ShouldRenew = true;
        }

        await base.ValidatePrincipal(context);
    }

    public override async Task SigningOut(CookieSigningOutContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // HttpContext.User is the validated session on a sign-out asked for; it is anonymous when a refused cookie is
        // being cleared, whose session is already ended.
        var user = context.HttpContext.User;
        if (user.SessionId() is { } sessionId && user.StaffMemberId() is { } staffMemberId)
        {
            var sender = context.HttpContext.RequestServices.GetRequiredService<ISender>();
            if (await sender.Send(new CloseStaffSessionCommand(sessionId), CancellationToken.None))
            {
                await SignInAudit.SignedOutAsync(context.HttpContext, user);
            }

            signals.Changed(staffMemberId);
        }

        await base.SigningOut(context);
    }

    internal TimeSpan IdleTimeout => options.IdleTimeout;

    [LoggerMessage(Level = LogLevel.Information, Message = "A session cookie was refused: its session is ended or its member of staff deactivated.")]
    private static partial void LogSessionRefused(ILogger logger);
}

/// <summary>Checks a principal's server-side session against the staff directory.</summary>
public sealed class StaffSessionCheck(ISender sender, AuthOptions options)
{
    /// <summary>
    /// Null when the session is ended (or the principal names none); the same principal when nothing changed; a
    /// refreshed one when the directory changed the member's role, name or establishments.
    /// </summary>
    public async Task<ClaimsPrincipal?> CheckAsync(ClaimsPrincipal principal, bool touch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.SessionId() is not { } sessionId || principal.StaffMemberId() is not { } staffMemberId)
        {
            return null;
        }

        var profile = await sender.Send(new CheckStaffSessionCommand(sessionId, staffMemberId, options.IdleTimeout, touch), cancellationToken);
        return profile is null ? null : principal.Matches(profile) ? principal : principal.Refresh(profile);
    }
}

/// <summary>
/// Tells the open pages of this instance that a member's sessions changed (signed out, ended by an admin), so that
/// they check at once instead of at their next interval.
/// </summary>
public sealed class StaffSessionSignals
{
    public event Action<Guid>? SessionsChanged;

    public void Changed(Guid staffMemberId) => SessionsChanged?.Invoke(staffMemberId);
}
