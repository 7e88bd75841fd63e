using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace TeleSurv.Portal.Web.Components;

/// <summary>
/// A Material icon (<c>Icons.Material.*</c>) written straight into the markup as the SVG MudIcon draws, for what every
/// page shows (the shell's icons) and what is repeated on every row of long lists (the queue's priority, reason and
/// marks): no component instance per icon is kept on the circuit. Decorative: the word beside it says what it means.
/// </summary>
/// <remarks>
/// Each icon's markup is built once per process and shared by every circuit that shows it: in a render tree it is one
/// frame pointing at that one string, whatever the number of rows and open pages. The icons are the constants the
/// code names, so the cache stays as small as the set of icons the portal uses.
/// </remarks>
public static class InlineIcon
{
    private static readonly ConcurrentDictionary<(string Icon, string Size, string? CssClass), MarkupString> Markup = new();

    public static MarkupString Small(string icon, string? cssClass = null) => Of(icon, "small", cssClass);

    public static MarkupString Medium(string icon, string? cssClass = null) => Of(icon, "medium", cssClass);

    private static MarkupString Of(string icon, string size, string? cssClass) =>
        Markup.GetOrAdd((icon, size, cssClass), static key => new MarkupString(
            $"<svg class=\"mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-{key.Size}{(key.CssClass is null ? null : " " + key.CssClass)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{key.Icon}</svg>"));
}
