using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.TestSupport;

/// <summary>How a <see cref="TestDatabase"/> gets its schema.</summary>
public enum TestSchema
{
    /// <summary>The portal's migrations, as at start-up.</summary>
    Migrations = 0,

    /// <summary>Straight from the model, as EnsureCreated builds it.</summary>
    EnsureCreated = 1,

    /// <summary>An empty database.</summary>
    None = 2,
}

/// <summary>
/// A fresh database of its own for a test or a test class: a temporary SQLite file, or a new database on the
/// PostgreSQL server named by <c>TELESURV_TEST_POSTGRES</c>. Deleted or dropped when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "TELESURV_TEST_POSTGRES";

    private readonly string? _postgresServer;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresServer, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
        _postgresServer = postgresServer;
        Options = PortalDbContextOptions.Create(provider, connectionString);
        DbContextFactory = new OptionsDbContextFactory(Options);
        Factory = new PortalDbContextFactory(DbContextFactory);
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file path or the PostgreSQL database name.</summary>
    public string Name { get; }

    public DbContextOptions<PortalDbContext> Options { get; }

    public IDbContextFactory<PortalDbContext> DbContextFactory { get; }

    public IPortalDbContextFactory Factory { get; }

    /// <summary>The settings that point a host at this database (for a WebApplicationFactory or AddInfrastructure).</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [DatabaseOptions.ProviderKey] = Provider.ToString(),
        [DatabaseOptions.ConnectionStringKey] = ConnectionString,
    };

    /// <summary>The PostgreSQL server the tests use; fails, never skips, when it is not configured.</summary>
    public static string PostgresServer => RequirePostgresServer(Environment.GetEnvironmentVariable(PostgresVariable));

    internal static string RequirePostgresServer(string? value) =>
        !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need a server: run tests/run.sh, or start one with tests/postgres.sh start "
                + $"and set {PostgresVariable} to the connection string it prints.");

    public static async Task<TestDatabase> CreateAsync(
        DatabaseProvider provider, TestSchema schema = TestSchema.Migrations, CancellationToken cancellationToken = default)
    {
        var database = provider switch
        {
            DatabaseProvider.Sqlite => CreateSqlite(),
            DatabaseProvider.Postgres => await CreatePostgresAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };

        try
        {
            await using var db = database.CreateContext();
            switch (schema)
            {
                case TestSchema.Migrations:
                    await db.Database.MigrateAsync(cancellationToken);
                    break;
                case TestSchema.EnsureCreated:
                    await db.Database.EnsureCreatedAsync(cancellationToken);
                    break;
            }
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        return database;
    }

    public PortalDbContext CreateContext() => new(Options);

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(Name + suffix);
            }

            return;
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await using var admin = new NpgsqlConnection(_postgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "telesurv-tests");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString;
        return new TestDatabase(DatabaseProvider.Sqlite, connectionString, null, path);
    }

    private static async Task<TestDatabase> CreatePostgresAsync(CancellationToken cancellationToken)
    {
        var server = PostgresServer;
        var name = $"telesurv_test_{Guid.NewGuid():N}";

        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(DatabaseProvider.Postgres, connectionString, server, name);
    }

    private sealed class OptionsDbContextFactory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }
}
