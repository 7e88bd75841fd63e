using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Infrastructure.Seeding;

namespace TeleSurv.Portal.Benchmarks.Queue;

/// <summary>
/// The load data (<see cref="DemoSeedOptions.LoadData"/>: the demo plus 20,000 patients and about 200,000 historical
/// alerts), migrated and seeded once per provider and kept between runs: BenchmarkDotNet starts a process per case,
/// and seeding takes minutes where a query takes milliseconds.
/// </summary>
internal static class QueueLoadDatabase
{
    /// <summary>PostgreSQL server to benchmark on (the same form as the tests' TELESURV_TEST_POSTGRES).</summary>
    public const string PostgresVariable = "TELESURV_BENCH_POSTGRES";

    private const string PostgresDatabase = "telesurv_bench_queue";

    public static string ConnectionString(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetTempPath(), "telesurv-bench", "queue-load.db"),
        }.ConnectionString,
        DatabaseProvider.Postgres => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = PostgresDatabase }.ConnectionString,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    private static string PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"Set {PostgresVariable} to a PostgreSQL server's connection string (tests/postgres.sh start prints one).");

    /// <summary>Creates, migrates and seeds the database unless a previous run left it complete.</summary>
    public static async Task EnsureSeededAsync(DatabaseProvider provider, IServiceProvider services)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "telesurv-bench"));
        }
        else
        {
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{PostgresDatabase}'", admin);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{PostgresDatabase}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
        }

        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        // An empty database is seeded; one seeded before is left as it is.
        var result = await services.SeedDemoDataAsync(DemoSeedOptions.LoadData());
        if (result.Seeded)
        {
            Console.WriteLine($"// Seeded {provider}: {result.Patients} patients, {result.Alerts} alerts ({result.UnresolvedAlerts} unresolved) in {result.Elapsed}.");
        }
    }
}
