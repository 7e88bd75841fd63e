using System.Security.Claims;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Web.Components.Layout;

/// <summary>An entry of the navigation and the roles that see it.</summary>
public sealed record NavItem(string Href, string Icon, string TextKey, params StaffRole[] Roles)
{
    public static readonly IReadOnlyList<NavItem> All =
    [
        new("alerts", "bi-bell", "Nav.Alerts", StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist),
        new("escalations", "bi-arrow-up-right-circle", "Nav.Escalations", StaffRole.Oncologist, StaffRole.Ipa),
        new("patients", "bi-people", "Nav.Patients", StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist, StaffRole.Admin),
        new("dashboard", "bi-graph-up", "Nav.Dashboard", StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist, StaffRole.Admin),
        new("enrolment", "bi-person-plus", "Nav.Enrolment", StaffRole.Admin),
        new("admin/interfaces", "bi-diagram-3", "Nav.Interfaces", StaffRole.Admin),
        new("admin/audit", "bi-journal-check", "Nav.Audit", StaffRole.Admin),
        new("admin/oru", "bi-send", "Nav.Outbox", StaffRole.Admin),
        new("admin/sessions", "bi-person-lock", "Nav.Sessions", StaffRole.Admin),
        new("admin/establishments", "bi-hospital", "Nav.Establishments", StaffRole.Admin),
    ];

    public static IEnumerable<NavItem> For(ClaimsPrincipal user) =>
        All.Where(item => item.Roles.Any(role => user.IsInRole(role.ToString())));

    /// <summary>Where a user lands after signing in: the page their role spends the day on.</summary>
    public static string HomeFor(ClaimsPrincipal user) =>
        user.IsInRole(nameof(StaffRole.Oncologist)) ? "/escalations"
        : user.IsInRole(nameof(StaffRole.Ide)) || user.IsInRole(nameof(StaffRole.Ipa)) ? "/alerts"
        : user.IsInRole(nameof(StaffRole.Admin)) ? "/enrolment"
        : "/account/denied";
}
