using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure;

public static class PortalDatabaseStartup
{
    /// <summary>
    /// Checks the database settings, reaches the database and applies pending migrations. A wrong setting or an
    /// unreachable database ends in a <see cref="PortalConfigurationException"/> whose message names the setting.
    /// </summary>
    public static async Task PreparePortalDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);

        DatabaseOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            throw new PortalConfigurationException(string.Join(" ", ex.Failures), ex);
        }

        var provider = options.GetProvider();
        var db = await CreateContextAsync(services, options, cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await EnsureReachableAsync(db, provider, options, cancellationToken).ConfigureAwait(false);
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Building the context options creates the SQLite file's folder, which may fail.</summary>
    private static async Task<PortalDbContext> CreateContextAsync(
        IServiceProvider services, DatabaseOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
            return await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreachable(options, ex);
        }
    }

    /// <summary>
    /// Only connection failures become a configuration error; a failing migration keeps its own exception.
    /// A PostgreSQL or SQL Server database that does not exist yet is not a failure: it is created, and where the
    /// login may not create it, start-up stops with one sentence saying so.
    /// </summary>
    private static async Task EnsureReachableAsync(
        PortalDbContext db, DatabaseProvider provider, DatabaseOptions options, CancellationToken cancellationToken)
    {
        var exists = true;
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
            else
            {
                exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ConnectionFailure(ex) is { } cause)
        {
            throw Unreachable(options, cause);
        }

        if (!exists)
        {
            await CreateDatabaseAsync(db, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The server answers but the database is not there yet: create it, or say in one sentence why not.</summary>
    private static async Task CreateDatabaseAsync(PortalDbContext db, DatabaseOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw new PortalConfigurationException(
                $"The database set by {DatabaseOptions.ConnectionStringKey} ({Describe(options)}) does not exist and its login "
                + $"may not create it ({PortalConfigurationException.AsSentenceEnd(ex.Message).TrimEnd('.')}): create it, or let "
                + "the login create databases, then start again.", ex);
        }
    }

    /// <summary>
    /// The reason a connection failed, looked for along the inner exceptions: EF's execution strategy wraps a
    /// refused PostgreSQL connection in an InvalidOperationException about transient failures.
    /// </summary>
    private static Exception? ConnectionFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or ArgumentException or IOException or UnauthorizedAccessException or TimeoutException)
            {
                return current;
            }
        }

        return null;
    }

    private static PortalConfigurationException Unreachable(DatabaseOptions options, Exception cause) =>
        new($"The database set by {DatabaseOptions.ConnectionStringKey} ({Describe(options)}) cannot be reached: "
            + PortalConfigurationException.AsSentenceEnd(cause.Message), cause);

    /// <summary>Where the database is, without the password a connection string may hold.</summary>
    private static string Describe(DatabaseOptions options)
    {
        try
        {
            if (options.GetProvider() == DatabaseProvider.Sqlite)
            {
                return $"SQLite file {new SqliteConnectionStringBuilder(options.GetConnectionString()).DataSource}";
            }

            if (options.GetProvider() == DatabaseProvider.SqlServer)
            {
                var sqlServer = new SqlConnectionStringBuilder(options.GetConnectionString());
                return $"SQL Server database \"{sqlServer.InitialCatalog}\" on {sqlServer.DataSource}";
            }

            var postgres = new NpgsqlConnectionStringBuilder(options.GetConnectionString());
            return $"PostgreSQL database \"{postgres.Database}\" on {postgres.Host}:{postgres.Port}";
        }
        catch (ArgumentException)
        {
            return options.GetProvider().ToString();
        }
    }
}
