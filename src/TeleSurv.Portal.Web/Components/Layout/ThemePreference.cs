using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TeleSurv.Portal.Web.Security;

namespace TeleSurv.Portal.Web.Components.Layout;

/// <summary>
/// The light or dark look each user chose, kept in a cookie named after them: the page is rendered in it from the
/// first byte (no light flash at night), and each user of a shared workstation finds their own.
/// </summary>
public static class ThemePreference
{
    public const string Dark = "dark";

    public const string Light = "light";

    /// <summary>The name of the cascading value that carries the choice from the page host to the layout.</summary>
    public const string CascadingName = "PortalDarkMode";

    /// <summary>The cookie of the user's choice; null for an anonymous visitor, who gets the light look.</summary>
    public static string? CookieName(ClaimsPrincipal user) =>
        user.StaffMemberId() is { } id ? $"telesurv.theme.{id:N}" : null;

    /// <summary>Whether the request's user chose the dark look; anything but the word "dark" is the light one.</summary>
    public static bool IsDark(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CookieName(context.User) is { } name
            && string.Equals(context.Request.Cookies[name], Dark, StringComparison.Ordinal);
    }
}
