using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Hl7;
using TeleSurv.Portal.Hl7.Mllp;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Adt;

/// <summary>
/// The running portal with its MLLP listener on a free port, over a fresh database whose connections the test can
/// cut (<see cref="DatabaseDown"/>) as a stopped database server would.
/// </summary>
public sealed class AdtPortal : IAsyncDisposable
{
    private readonly PortalAppFactory _factory;
    private readonly WebApplicationFactory<Program> _host;
    private readonly OutageFactory _outage = new();

    private AdtPortal(TestDatabase database, PortalAppFactory factory)
    {
        Database = database;
        _factory = factory;
        _host = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.AddSingleton(_outage);
            services.AddSingleton<IPortalDbContextFactory>(sp =>
            {
                _outage.Inner = new PortalDbContextFactory(sp.GetRequiredService<IDbContextFactory<PortalDbContext>>());
                _outage.Provider = database.Provider;
                return _outage;
            });
        }));
    }

    public TestDatabase Database { get; }

    public IServiceProvider Services => _host.Services;

    public bool DatabaseDown
    {
        get => _outage.Down;
        set => _outage.Down = value;
    }

    public IPEndPoint Endpoint
    {
        get
        {
            var snapshot = Services.GetRequiredService<AdtListenerState>().Snapshot();
            Assert.Equal(AdtListenerStatus.Listening, snapshot.Status);
            return IPEndPoint.Parse(snapshot.Endpoint!);
        }
    }

    public static async Task<AdtPortal> StartAsync(DatabaseProvider provider, params (string Key, string? Value)[] settings)
    {
        var database = await TestDatabase.CreateAsync(provider, TestSchema.None);
        var all = database.WithSettings(("Demo:SeedOnEmptyDatabase", "false"), ("Clinical:NonResponder:JobEnabled", "false"),
            ("Adt:Listener:Enabled", "true"), ("Adt:Listener:Port", "0"));
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var portal = new AdtPortal(database, new PortalAppFactory(all));
        _ = portal._host.Server;
        return portal;
    }

    /// <summary>Sends one message on a new connection with the codec's own MLLP client and returns the ACK.</summary>
    public async Task<string> SendAsync(string er7)
    {
        await using var client = new MllpClient(new MllpClientOptions { Host = "127.0.0.1", Port = Endpoint.Port });
        await client.ConnectAsync();
        var ack = await client.SendAsync(Encoding.UTF8.GetBytes(er7));
        return Hl7Message.Parse(ack).ToString();
    }

    public PortalDbContext CreateContext() => Database.CreateContext();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>The portal's context factory, or while "down" one whose every connection is refused.</summary>
    public sealed class OutageFactory : IPortalDbContextFactory
    {
        private PortalDbContextFactory? _unreachable;

        public IPortalDbContextFactory Inner { get; set; } = null!;

        public DatabaseProvider Provider { get; set; }

        public bool Down { get; set; }

        public Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default)
        {
            if (!Down)
            {
                return Inner.CreateAsync(cancellationToken);
            }

            _unreachable ??= new PortalDbContextFactory(new Unreachable(Provider));
            return _unreachable.CreateAsync(cancellationToken);
        }

        private sealed class Unreachable(DatabaseProvider provider) : IDbContextFactory<PortalDbContext>
        {
            private readonly DbContextOptions<PortalDbContext> _options = PortalDbContextOptions.Create(provider, provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(Path.GetTempPath(), "telesurv-tests", "absent-" + Guid.NewGuid().ToString("N") + ".db")};Mode=ReadOnly"
                : "Host=127.0.0.1;Port=1;Database=telesurv_unreachable;Username=nobody;Timeout=2");

            public PortalDbContext CreateDbContext() => new(_options);
        }
    }
}
