using System.Security.Claims;
using MudBlazor;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Web.Components.Layout;

/// <summary>An entry of the navigation, its icon (an SVG path of MudBlazor's set) and the roles that see it.</summary>
public sealed record NavItem(string Href, string Icon, string TextKey, params StaffRole[] Roles)
{
    public static readonly IReadOnlyList<NavItem> All =
    [
        new("alerts", Icons.Material.Outlined.NotificationsActive, "Nav.Alerts", StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist),
        new("escalations", Icons.Material.Outlined.ArrowCircleUp, "Nav.Escalations", StaffRole.Oncologist, StaffRole.Ipa),
        new("patients", Icons.Material.Outlined.People, "Nav.Patients", StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist, StaffRole.Admin),
        new("dashboard", Icons.Material.Outlined.Insights, "Nav.Dashboard", StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist, StaffRole.Admin),
        new("enrolment", Icons.Material.Outlined.PersonAdd, "Nav.Enrolment", StaffRole.Admin),
        new("admin/interfaces", Icons.Material.Outlined.Hub, "Nav.Interfaces", StaffRole.Admin),
        new("admin/audit", Icons.Material.Outlined.FactCheck, "Nav.Audit", StaffRole.Admin),
        new("admin/oru", Icons.Material.Outlined.Send, "Nav.Outbox", StaffRole.Admin),
        new("admin/sessions", Icons.Material.Outlined.ManageAccounts, "Nav.Sessions", StaffRole.Admin),
        new("admin/establishments", Icons.Material.Outlined.LocalHospital, "Nav.Establishments", StaffRole.Admin),
    ];

    /// <summary>
    /// Whether the page at <paramref name="relativePath"/> (relative to the base address, query and fragment allowed)
    /// is this entry's or under it: "alerts/42" is under "alerts", "alertsx" is not.
    /// </summary>
    public bool IsCurrent(string relativePath)
    {
        var path = relativePath.AsSpan();
        var end = path.IndexOfAny('?', '#');
        if (end >= 0)
        {
            path = path[..end];
        }

        return path.StartsWith(Href, StringComparison.OrdinalIgnoreCase)
            && (path.Length == Href.Length || path[Href.Length] == '/');
    }

    public static IEnumerable<NavItem> For(ClaimsPrincipal user) =>
        All.Where(item => item.Roles.Any(role => user.IsInRole(role.ToString())));

    /// <summary>Where a user lands after signing in: the page their role spends the day on.</summary>
    public static string HomeFor(ClaimsPrincipal user) =>
        user.IsInRole(nameof(StaffRole.Oncologist)) ? "/escalations"
        : user.IsInRole(nameof(StaffRole.Ide)) || user.IsInRole(nameof(StaffRole.Ipa)) ? "/alerts"
        : user.IsInRole(nameof(StaffRole.Admin)) ? "/enrolment"
        : "/account/denied";
}
