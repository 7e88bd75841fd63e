using Microsoft.Data.SqlClient;
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
/// PostgreSQL server named by <c>TELESURV_TEST_POSTGRES</c> or the SQL Server named by <c>TELESURV_TEST_SQLSERVER</c>.
/// Deleted or dropped when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "TELESURV_TEST_POSTGRES";

    /// <summary>
    /// A SQL Server login allowed to create databases, as a connection string to its master database. No SQL Server
    /// engine installs on the project's own machines: without it, the SQL Server runs are skipped, saying why.
    /// </summary>
    public const string SqlServerVariable = "TELESURV_TEST_SQLSERVER";

    private readonly string? _server;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? server, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
        _server = server;
        Options = PortalDbContextOptions.Create(provider, connectionString);
        DbContextFactory = new OptionsDbContextFactory(Options);
        Factory = new PortalDbContextFactory(DbContextFactory);
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file path or the server's database name.</summary>
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

    /// <summary>The SQL Server the tests use, or null where none is configured.</summary>
    public static string? SqlServer =>
        Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    public static async Task<TestDatabase> CreateAsync(
        DatabaseProvider provider, TestSchema schema = TestSchema.Migrations, CancellationToken cancellationToken = default)
    {
        var database = provider switch
        {
            DatabaseProvider.Sqlite => CreateSqlite(),
            DatabaseProvider.Postgres => await CreatePostgresAsync(cancellationToken),
            DatabaseProvider.SqlServer => await CreateSqlServerAsync(cancellationToken),
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

        if (Provider == DatabaseProvider.SqlServer)
        {
            await using (var connection = new SqlConnection(ConnectionString))
            {
                SqlConnection.ClearPool(connection);
            }

            await using var master = new SqlConnection(_server);
            await master.OpenAsync();
            await using var dropSqlServer = new SqlCommand(
                $"IF DB_ID(N'{Name}') IS NOT NULL BEGIN ALTER DATABASE [{Name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{Name}]; END",
                master);
            await dropSqlServer.ExecuteNonQueryAsync();
            return;
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await using var admin = new NpgsqlConnection(_server);
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

    private static async Task<TestDatabase> CreateSqlServerAsync(CancellationToken cancellationToken)
    {
        var server = SqlServer ?? throw new InvalidOperationException(
            $"SQL Server tests need a server: set {SqlServerVariable} to a connection string whose login may create databases.");
        var name = $"telesurv_test_{Guid.NewGuid():N}";

        await using (var master = new SqlConnection(server))
        {
            await master.OpenAsync(cancellationToken);
            await using var create = new SqlCommand($"CREATE DATABASE [{name}]", master);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = name }.ConnectionString;
        return new TestDatabase(DatabaseProvider.SqlServer, connectionString, server, name);
    }

    private sealed class OptionsDbContextFactory(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }
}
