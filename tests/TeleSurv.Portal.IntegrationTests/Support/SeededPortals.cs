using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Tests.Support;

/// <summary>
/// One running portal per database provider, each on its own fresh database, migrated and seeded with the demo
/// data at start-up exactly as `dotnet run` does. Shared by the tests of a class.
/// </summary>
public sealed class SeededPortals : IAsyncLifetime, IDisposable
{
    private readonly Dictionary<DatabaseProvider, (TestDatabase Database, PortalAppFactory Factory)> _portals = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<PortalAppFactory> GetAsync(DatabaseProvider provider)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_portals.TryGetValue(provider, out var portal))
            {
                var database = await TestDatabase.CreateAsync(provider, TestSchema.None);
                var factory = new PortalAppFactory(database.WithSettings(("Demo:SeedOnEmptyDatabase", "true")));
                factory.StartServer();
                portal = (database, factory);
                _portals[provider] = portal;
            }

            return portal.Factory;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (database, factory) in _portals.Values)
        {
            await factory.DisposeAsync();
            await database.DisposeAsync();
        }

        _portals.Clear();
    }

    public void Dispose() => _gate.Dispose();
}
