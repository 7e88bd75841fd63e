using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace TeleSurv.Portal.Web.Components.Layout;

/// <summary>
/// The navigation, written by the layout as one piece of markup: the drawer with its menu on a desktop or tablet
/// (MudDrawer's and MudNavMenu's markup and look, open and clipped under the app bar), and the bar of large touch
/// targets along a phone's bottom edge, which the stylesheet shows below 768 px in the drawer's place (an admin's bar
/// scrolls sideways within itself, never the page). Plain anchors, the current page marked here.
/// </summary>
/// <remarks>
/// One frame in the layout's render tree and one string per set of entries, current page and language, shared by every
/// circuit: components for the menus would keep render trees of their own on each. MudDrawer itself would also watch the
/// window's size and measure its content through the browser on every circuit, for a drawer that never changes. The
/// router gives the layout its new page on every navigation and the layout writes the menus again with it: the current
/// entry follows.
/// </remarks>
internal static class NavMarkup
{
    public static MarkupString Menus(ClaimsPrincipal user, string relativePath, IStringLocalizer localizer)
    {
        var items = NavItem.For(user).ToList();
        var current = items.FirstOrDefault(item => item.IsCurrent(relativePath));

        // The entries come from a closed list and the current one is among them: the key is from a closed set.
        var key = string.Join(',', items.Select(item => item.Href)) + "|" + current?.Href;
        return SharedMarkup.Get("nav-menus", key, (items, current, localizer), static state =>
        {
            var label = SharedMarkup.Encode(state.localizer["Nav.Label"]);
            var drawer = new StringBuilder()
                .Append("<aside class=\"mud-drawer mud-drawer-fixed mud-drawer-pos-left mud-drawer--open mud-drawer-md mud-drawer-clipped-always mud-elevation-0 mud-drawer-persistent portal-drawer\">")
                .Append("<div class=\"mud-drawer-content\"><nav class=\"portal-nav mud-navmenu mud-navmenu-primary mud-navmenu-margin-none mud-navmenu-bordered mud-border-primary\" aria-label=\"")
                .Append(label).Append("\">");
            var bottom = new StringBuilder("<nav class=\"portal-bottom-nav\" aria-label=\"").Append(label).Append("\"><ul>");
            foreach (var item in state.items)
            {
                var current = ReferenceEquals(item, state.current);
                var text = SharedMarkup.Encode(state.localizer[item.TextKey]);
                drawer.Append("<div class=\"mud-nav-item portal-nav-link\"><a href=\"").Append(item.Href)
                    .Append(current ? "\" class=\"mud-nav-link mud-ripple active\" aria-current=\"page\">" : "\" class=\"mud-nav-link mud-ripple\">")
                    .Append(InlineIcon.Medium(item.Icon, "mud-nav-link-icon").Value)
                    .Append("<div class=\"mud-nav-link-text\">").Append(text).Append("</div></a></div>");
                bottom.Append("<li><a href=\"").Append(item.Href)
                    .Append(current ? "\" class=\"portal-bottom-nav-link active\" aria-current=\"page\">" : "\" class=\"portal-bottom-nav-link\">")
                    .Append(InlineIcon.Medium(item.Icon).Value)
                    .Append("<span>").Append(text).Append("</span></a></li>");
            }

            return drawer.Append("</nav></div></aside>").Append(bottom).Append("</ul></nav>").ToString();
        });
    }
}
