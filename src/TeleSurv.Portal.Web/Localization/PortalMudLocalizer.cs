using Microsoft.Extensions.Localization;
using MudBlazor;

namespace TeleSurv.Portal.Web.Localization;

/// <summary>
/// MudBlazor's own texts (close buttons, pagers, pickers) from the portal's resources, under the key
/// <c>Mud.&lt;MudBlazor key&gt;</c>; a key we do not carry falls back to MudBlazor's English.
/// </summary>
internal sealed class PortalMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public const string Prefix = "Mud.";

    public override LocalizedString this[string key] => Translate(localizer[Prefix + key], key);

    /// <summary>
    /// Texts with values in them (the pager's "1–25 of 77"): our resource is a composite format string, formatted in
    /// the user's culture by the resource localizer.
    /// </summary>
    public override LocalizedString this[string key, params object[] arguments] => Translate(localizer[Prefix + key, arguments], key);

    private static LocalizedString Translate(LocalizedString text, string key) =>
        text.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, text.Value);
}
