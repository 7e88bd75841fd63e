using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace TeleSurv.Portal.Infrastructure.Persistence;

/// <summary>
/// The one place that turns a provider and a connection string into context options, shared by the application
/// and the tests so that both run the same database set-up.
/// </summary>
public static class PortalDbContextOptions
{
    /// <summary>How long SQLite waits for a lock held by another connection before reporting it busy.</summary>
    public static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>SQL Server 2019 (15.x).</summary>
    public const int SqlServerCompatibilityLevel = 150;

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new SqliteConnectionStringBuilder(connectionString)
                {
                    ForeignKeys = true,
                    DefaultTimeout = (int)SqliteBusyTimeout.TotalSeconds,
                };
                EnsureFolderExists(sqlite);
                builder.UseSqlite(sqlite.ConnectionString);
                builder.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(WithConnectionDefaults(connectionString));
                break;
            case DatabaseProvider.SqlServer:
                // SQL Server 2019's level: the oldest version the portal supports, so that EF never emits what a
                // hospital's server cannot run (the json type and functions of level 170, for instance).
                builder.UseSqlServer(connectionString, sqlServer => sqlServer.UseCompatibilityLevel(SqlServerCompatibilityLevel));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        // The model snapshot is SQLite's (dotnet ef works on SQLite, ADR-003): there, a model change that no
        // migration carries stops Migrate(). Compared with another provider's model, the snapshot's SQLite store
        // types always differ, so the warning means nothing there; MigratedSchemaTests compares the migrated schema
        // with the model's own on every provider instead.
        if (provider != DatabaseProvider.Sqlite)
        {
            builder.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
        }

        return builder;
    }

    public static DbContextOptions<PortalDbContext> Create(DatabaseProvider provider, string connectionString) =>
        (DbContextOptions<PortalDbContext>)Configure(new DbContextOptionsBuilder<PortalDbContext>(), provider, connectionString).Options;

    /// <summary>
    /// Unless the connection string says otherwise: statements run often (the lookups of inbound ADT, thousands a
    /// minute) are prepared once per connection rather than parsed and planned by the server at every run; and a
    /// connection going back to the pool is not reset, since the portal sets no session state (no SET, LISTEN,
    /// temporary table or advisory lock), which spares the server a reset statement per unit of work.
    /// </summary>
    private static string WithConnectionDefaults(string connectionString)
    {
        var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
        if (npgsql.MaxAutoPrepare == 0 && !connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            npgsql.MaxAutoPrepare = 64;
        }

        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            npgsql.NoResetOnClose = true;
        }

        return npgsql.ConnectionString;
    }

    private static void EnsureFolderExists(SqliteConnectionStringBuilder builder)
    {
        if (!DatabaseOptions.IsFileDatabase(builder))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>
    /// Settings SQLite keeps per connection (busy timeout) or that must hold on every file the portal opens
    /// (write-ahead log, so readers do not block the writer).
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        private static readonly string Sql =
            $"PRAGMA journal_mode = WAL; PRAGMA busy_timeout = {(int)SqliteBusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Sql;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = Sql;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
