using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Infrastructure.Seeding;

namespace TeleSurv.Portal.Benchmarks.Queue;

/// <summary>
/// The load data (<see cref="DemoSeedOptions.LoadData"/>: the demo plus 20,000 patients and about 200,000 historical
/// alerts), migrated and seeded once per provider by <c>--seed-queue-load</c> and kept between runs: seeding takes
/// many minutes where a query takes milliseconds, longer than BenchmarkDotNet lets a set-up run.
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

    public const string SeedSwitch = "--seed-queue-load";

    /// <summary>Seeds the load data on each provider given (SQLite, and PostgreSQL when its server is set).</summary>
    public static async Task SeedAsync(IEnumerable<DatabaseProvider> providers)
    {
        foreach (var provider in providers)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddDbContextFactory<PortalDbContext>(o => PortalDbContextOptions.Configure(o, provider, ConnectionString(provider)));
            await using var provided = services.BuildServiceProvider();
            await EnsureSeededAsync(provider, provided);
        }
    }

    /// <summary>
    /// Checks that the load data is there, and brings its schema up to date: migrations added since it was seeded
    /// (an index, say) apply to it as they would to a hospital's database.
    /// </summary>
    /// <exception cref="InvalidOperationException">The load data is not there, or a seed was interrupted.</exception>
    public static async Task RequireSeededAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var seeded = await db.Database.CanConnectAsync() && (await db.Database.GetAppliedMigrationsAsync()).Any();
        if (seeded)
        {
            await db.Database.MigrateAsync();
        }

        var complete = seeded && await db.Patients.CountAsync() >= DemoSeedOptions.LoadDataPatients;
        if (!complete)
        {
            throw new InvalidOperationException(
                $"The load data is missing or incomplete: run the benchmarks once with {SeedSwitch} (see docs/benchmarks.md).");
        }
    }

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
        Console.WriteLine(result.Seeded
            ? $"Seeded {provider}: {result.Patients} patients, {result.Alerts} alerts ({result.UnresolvedAlerts} unresolved) in {result.Elapsed}."
            : $"{provider} already holds data: left as it is.");
    }
}
