using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace TeleSurv.Portal.Web.Components;

/// <summary>
/// A Material icon (<c>Icons.Material.*</c>) written straight into the markup as the SVG MudIcon draws, for what is
/// repeated on every row of long lists (the queue's priority, reason and marks): no component instance per icon is
/// kept on the circuit. Decorative: the word beside it says what it means.
/// </summary>
public static class InlineIcon
{
    public static RenderFragment Small(string icon, string? cssClass = null) => builder => Write(builder, icon, cssClass);

    private static void Write(RenderTreeBuilder builder, string icon, string? cssClass)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", cssClass is null
            ? "mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-small"
            : "mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-small " + cssClass);
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddMarkupContent(5, icon);
        builder.CloseElement();
    }
}
