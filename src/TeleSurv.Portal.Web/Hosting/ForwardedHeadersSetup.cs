using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using TeleSurv.Portal.Infrastructure;

namespace TeleSurv.Portal.Web.Hosting;

/// <summary>
/// Behind a reverse proxy that ends TLS, the scheme and the client's address come in X-Forwarded-Proto and
/// X-Forwarded-For. They are believed only from the proxies named in <c>Network:KnownProxies</c>: anyone else could
/// write them, so with the list empty they are ignored.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Setting = "Network:KnownProxies";

    public static IServiceCollection AddPortalForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var proxies = KnownProxies(configuration);
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With no known proxy and no known network the framework would believe every sender: read nothing then.
            options.ForwardedHeaders = proxies.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            // The framework trusts loopback by default; only the listed proxies are trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
    }

    /// <summary>The setting as a list (<c>Network:KnownProxies:0</c>, …) or as one comma-separated value.</summary>
    public static IReadOnlyList<IPAddress> KnownProxies(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Setting);
        IEnumerable<string?> values = section.GetChildren().Any()
            ? section.GetChildren().Select(child => child.Value)
            : (section.Value ?? string.Empty).Split(',');
        var proxies = new List<IPAddress>();
        foreach (var raw in values)
        {
            var value = raw?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            proxies.Add(Parse(value) ?? throw new PortalConfigurationException(
                $"{Setting} '{value}' is not an IP address: list the reverse proxies' addresses, e.g. {Setting}:0=10.0.0.5."));
        }

        return proxies;
    }

    /// <summary>A full IPv4 address (four numbers: "10.1" is refused, not read as 10.0.0.1) or an IPv6 address.</summary>
    private static IPAddress? Parse(string value) =>
        IPAddress.TryParse(value, out var address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 ? value.Contains(':', StringComparison.Ordinal) : value.Count(c => c == '.') == 3 && value.All(c => c == '.' || char.IsAsciiDigit(c)))
            ? address
            : null;
}
