using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TeleSurv.Portal.Tests.Support;

/// <summary>
/// The real portal (real pipeline, real database) hosted for tests. Each factory gets its own database:
/// a fresh SQLite file, or a fresh PostgreSQL database on the server named by TELESURV_TEST_POSTGRES.
/// </summary>
public sealed class PortalAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string? _environment;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="port">With <paramref name="kestrel"/>: the loopback port to listen on (0: any free one).</param>
    /// <param name="services">Replacements of the portal's services (a clock the test moves, say).</param>
    public PortalAppFactory(
        IDictionary<string, string?> settings, string? environment = null, bool kestrel = false, int port = 0,
        Action<IServiceCollection>? services = null)
    {
        _settings = new Dictionary<string, string?>(settings);
        _services = services;

        // The Development demo listens for ADT on 2575; test portals, many at once, each take a free port.
        _settings.TryAdd("Adt:Listener:Port", "0");
        _environment = environment;

        // Outside Development the portal needs an audit chain key held outside the database, as a deployment would.
        if (environment is not null && environment != "Development" && !_settings.Keys.Any(k => k.StartsWith("Audit:Chain", StringComparison.Ordinal)))
        {
            _settings["Audit:ChainKeys:0:Id"] = "test";
            _settings["Audit:ChainKeys:0:Key"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        }
        if (kestrel)
        {
            UseKestrel(port);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment ?? "Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>The address Kestrel listens on (only for a factory created with kestrel: true).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        }
    }
}
