using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Common.Security;

/// <summary>Access rule of a request: an authenticated member of staff in one of these roles.</summary>
/// <remarks>Named apart from ASP.NET Core's AuthorizeAttribute, which guards endpoints, not use cases.</remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RequireRoleAttribute : Attribute
{
    public RequireRoleAttribute(params StaffRole[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        Roles = roles;
    }

    public IReadOnlyList<StaffRole> Roles { get; }
}
