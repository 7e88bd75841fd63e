using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Tests.Support;

public static class SettingsExtensions
{
    /// <summary>The database's settings plus the given ones, for a <see cref="PortalAppFactory"/>.</summary>
    public static Dictionary<string, string?> WithSettings(this TestDatabase database, params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?>(database.Settings);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }
}
