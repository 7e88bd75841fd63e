namespace TeleSurv.Portal.Web.Localization;

/// <summary>Anchor type of the portal's UI strings (Resources/Localization/SharedResource*.resx).</summary>
#pragma warning disable CA1812 // Only used as the type argument of IStringLocalizer<T>.
internal sealed class SharedResource;
#pragma warning restore CA1812
