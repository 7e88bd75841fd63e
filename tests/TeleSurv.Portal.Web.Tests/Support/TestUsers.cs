using System.Security.Claims;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Security;

namespace TeleSurv.Portal.Web.Tests.Support;

/// <summary>Signed-in principals as the portal builds them at sign-in, and nobody.</summary>
public static class TestUsers
{
    public static ClaimsPrincipal Anonymous { get; } = new(new ClaimsIdentity());

    public static ClaimsPrincipal User(StaffRole role, string name = "Claire Martin", params Guid[] establishments) =>
        PortalClaims.CreatePrincipal(Guid.CreateVersion7(), "test." + role, name, role, establishments, "Test");
}
