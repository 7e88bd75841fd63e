using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Api;

/// <summary>
/// One running portal per database provider for the API tests: a fresh database migrated at start-up, no demo
/// data and no non-responder job, so that each test sees only the patients it creates.
/// </summary>
public sealed class ApiPortals : IAsyncLifetime, IDisposable
{
    private readonly Dictionary<DatabaseProvider, ApiPortal> _portals = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<ApiPortal> GetAsync(DatabaseProvider provider)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_portals.TryGetValue(provider, out var portal))
            {
                var database = await TestDatabase.CreateAsync(provider, TestSchema.None);
                var factory = new PortalAppFactory(database.WithSettings(
                    ("Demo:SeedOnEmptyDatabase", "false"),
                    ("Clinical:NonResponder:JobEnabled", "false")));
                factory.StartServer();
                portal = new ApiPortal(database, factory);
                _portals[provider] = portal;
            }

            return portal;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var portal in _portals.Values)
        {
            await portal.Factory.DisposeAsync();
            await portal.Database.DisposeAsync();
        }

        _portals.Clear();
    }

    public void Dispose() => _gate.Dispose();
}

public sealed record ApiPortal(TestDatabase Database, PortalAppFactory Factory);
