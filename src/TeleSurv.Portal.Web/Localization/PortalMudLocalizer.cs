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

    public override LocalizedString this[string key]
    {
        get
        {
            var text = localizer[Prefix + key];
            return text.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, text.Value);
        }
    }
}
