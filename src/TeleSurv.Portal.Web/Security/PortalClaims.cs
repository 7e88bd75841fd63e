using System.Security.Claims;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Web.Security;

/// <summary>Claims the portal's own session cookie carries, whatever the sign-in method.</summary>
public static class PortalClaims
{
    public const string Establishment = "telesurv:establishment";
    public const string Login = "telesurv:login";

    /// <summary>The server-side session (<c>StaffSession</c>) the cookie belongs to, checked on every request.</summary>
    public const string Session = "telesurv:session";

    /// <summary>The identity provider's session (<c>sid</c>) the sign-in belongs to, for the provider's front-channel logout.</summary>
    public const string ProviderSession = "telesurv:provider-session";

    public static Guid? SessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal?.FindFirstValue(Session), out var id) ? id : null;

    public static Guid? StaffMemberId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>Whether the principal still says what the directory says of its member (role, name, establishments).</summary>
    public static bool Matches(this ClaimsPrincipal principal, Application.Staff.SignInProfile profile)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(profile);
        var establishments = principal.FindAll(Establishment).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return principal.FindFirstValue(ClaimTypes.Role) == profile.Role.ToString()
            && principal.FindFirstValue(ClaimTypes.Name) == profile.DisplayName
            && establishments.SetEquals(profile.EstablishmentIds.Select(id => id.ToString()));
    }

    /// <summary>The principal of the same session with the directory's current role, name and establishments.</summary>
    public static ClaimsPrincipal Refresh(this ClaimsPrincipal principal, Application.Staff.SignInProfile profile)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(profile);
        var identity = principal.Identity as ClaimsIdentity;
        var refreshed = CreatePrincipal(
            profile.StaffMemberId, principal.FindFirstValue(Login) ?? profile.Login, profile.DisplayName, profile.Role,
            profile.EstablishmentIds, identity?.AuthenticationType ?? "Cookies");
        var extra = principal.Claims.Where(c => c.Type is Session or ProviderSession).Select(c => new Claim(c.Type, c.Value));
        ((ClaimsIdentity)refreshed.Identity!).AddClaims(extra);
        return refreshed;
    }

    public static ClaimsPrincipal CreatePrincipal(
        Guid staffMemberId, string login, string displayName, StaffRole role, IEnumerable<Guid> establishmentIds, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, staffMemberId.ToString()),
            new(ClaimTypes.Name, displayName),
            new(ClaimTypes.Role, role.ToString()),
            new(Login, login),
        };
        claims.AddRange(establishmentIds.Select(id => new Claim(Establishment, id.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
