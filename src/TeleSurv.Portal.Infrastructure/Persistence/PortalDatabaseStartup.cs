using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TeleSurv.Portal.Infrastructure.Persistence;

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
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var db = await CreateContextAsync(factory, options, cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await EnsureReachableAsync(db, provider, options, cancellationToken).ConfigureAwait(false);
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<PortalDbContext> CreateContextAsync(
        IDbContextFactory<PortalDbContext> factory, DatabaseOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreachable(options, ex);
        }
    }

    /// <summary>
    /// Only connection failures become a configuration error; a failing migration keeps its own exception.
    /// A PostgreSQL database that does not exist yet is not a failure: migrating creates it.
    /// </summary>
    private static async Task EnsureReachableAsync(
        PortalDbContext db, DatabaseProvider provider, DatabaseOptions options, CancellationToken cancellationToken)
    {
        try
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
            else
            {
                await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DbException or ArgumentException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw Unreachable(options, ex);
        }
    }

    private static PortalConfigurationException Unreachable(DatabaseOptions options, Exception cause) =>
        new($"The database set by {DatabaseOptions.ConnectionStringKey} ({Describe(options)}) cannot be reached: {OneLine(cause.Message)}", cause);

    /// <summary>Where the database is, without the password a connection string may hold.</summary>
    private static string Describe(DatabaseOptions options)
    {
        try
        {
            if (options.GetProvider() == DatabaseProvider.Sqlite)
            {
                return $"SQLite file {new SqliteConnectionStringBuilder(options.GetConnectionString()).DataSource}";
            }

            var postgres = new NpgsqlConnectionStringBuilder(options.GetConnectionString());
            return $"PostgreSQL database \"{postgres.Database}\" on {postgres.Host}:{postgres.Port}";
        }
        catch (ArgumentException)
        {
            return options.GetProvider().ToString();
        }
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
