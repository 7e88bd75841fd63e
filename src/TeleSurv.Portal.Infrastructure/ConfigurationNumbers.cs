using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace TeleSurv.Portal.Infrastructure;

/// <summary>Whole-number settings: absent means the default; anything but digits in range stops the start, naming the setting.</summary>
public static class ConfigurationNumbers
{
    /// <exception cref="PortalConfigurationException">The value is not a whole number between <paramref name="min"/> and <paramref name="max"/>.</exception>
    public static int Read(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(section);
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new PortalConfigurationException($"{section.Path}:{key} '{value}' must be a whole number between {min} and {max}.");
    }
}
