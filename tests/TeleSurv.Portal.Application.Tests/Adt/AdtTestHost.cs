using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Adt;

/// <summary>A database the tests can take down and bring back: while down, every connection fails as a stopped server does.</summary>
public sealed class OutageDbContextFactory(TestDatabase database) : IPortalDbContextFactory
{
    private readonly IPortalDbContextFactory _unreachable = new PortalDbContextFactory(new Unreachable(database.Provider));

    public bool Down { get; set; }

    public Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
        (Down ? _unreachable : database.Factory).CreateAsync(cancellationToken);

    private sealed class Unreachable(DatabaseProvider provider) : IDbContextFactory<PortalDbContext>
    {
        private readonly DbContextOptions<PortalDbContext> _options = PortalDbContextOptions.Create(provider, provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), "telesurv-tests", "absent-" + Guid.NewGuid().ToString("N") + ".db")};Mode=ReadOnly"
            : "Host=127.0.0.1;Port=1;Database=telesurv_unreachable;Username=nobody;Timeout=2");

        public PortalDbContext CreateDbContext() => new(_options);
    }
}

internal static class AdtHostExtensions
{
    public static async Task<AdtIngestionResult> IngestAsync(this ApplicationHost host, string raw)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdtIngestion>().IngestAsync(raw);
    }
}
