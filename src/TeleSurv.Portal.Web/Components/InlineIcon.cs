using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace TeleSurv.Portal.Web.Components;

/// <summary>
/// A Material icon (<c>Icons.Material.*</c>) written straight into the markup as the SVG MudIcon draws, for what every
/// page shows (the shell's icons) and what is repeated on every row of long lists (the queue's priority, reason and
/// marks): no component instance per icon is kept on the circuit. Decorative: the word beside it says what it means.
/// </summary>
public static class InlineIcon
{
    public static RenderFragment Small(string icon, string? cssClass = null) => builder => Write(builder, icon, "small", cssClass);

    public static RenderFragment Medium(string icon, string? cssClass = null) => builder => Write(builder, icon, "medium", cssClass);

    private static void Write(RenderTreeBuilder builder, string icon, string size, string? cssClass)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", cssClass is null
            ? $"mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-{size}"
            : $"mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-{size} {cssClass}");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddMarkupContent(5, icon);
        builder.CloseElement();
    }
}
