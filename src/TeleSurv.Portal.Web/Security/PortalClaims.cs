using System.Security.Claims;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Web.Security;

/// <summary>Claims the portal's own session cookie carries, whatever the sign-in method.</summary>
public static class PortalClaims
{
    public const string Establishment = "telesurv:establishment";
    public const string Login = "telesurv:login";

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
