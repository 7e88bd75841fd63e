using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TeleSurv.Portal.Infrastructure.Persistence;

/// <summary>
/// Settings of the portal database: <c>Database:Provider</c> and <c>ConnectionStrings:Portal</c>, as configured.
/// <see cref="DatabaseOptionsValidator"/> turns a wrong value into one sentence naming the setting.
/// </summary>
public sealed class DatabaseOptions
{
    public const string ProviderKey = "Database:Provider";

    public const string ConnectionStringName = "Portal";

    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;

    /// <summary>Relative paths are resolved against the content root, so the file lands beside the app whatever the working directory.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/telesurv.db";

    /// <summary>The configured provider name, as written; empty means SQLite.</summary>
    public string? Provider { get; set; }

    public string? ConnectionString { get; set; }

    /// <summary>Folder that relative SQLite paths are resolved against.</summary>
    public string ContentRootPath { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>Parses <see cref="Provider"/>; false for a name that is not one of <see cref="DatabaseProvider"/>.</summary>
    public bool TryGetProvider(out DatabaseProvider provider)
    {
        switch (Provider?.Trim())
        {
            case null or "":
                provider = DatabaseProvider.Sqlite;
                return true;
            case var name when name.Equals(nameof(DatabaseProvider.Sqlite), StringComparison.OrdinalIgnoreCase):
                provider = DatabaseProvider.Sqlite;
                return true;
            case var name when name.Equals(nameof(DatabaseProvider.Postgres), StringComparison.OrdinalIgnoreCase):
                provider = DatabaseProvider.Postgres;
                return true;
            case var name when name.Equals(nameof(DatabaseProvider.SqlServer), StringComparison.OrdinalIgnoreCase):
                provider = DatabaseProvider.SqlServer;
                return true;
            default:
                provider = default;
                return false;
        }
    }

    /// <summary>The provider to use; only valid once the options passed validation.</summary>
    public DatabaseProvider GetProvider() =>
        TryGetProvider(out var provider)
            ? provider
            : throw new PortalConfigurationException(DatabaseOptionsValidator.UnknownProviderMessage(Provider));

    /// <summary>
    /// The connection string to open: for SQLite, the default when none is configured, with a relative file path
    /// made absolute against <see cref="ContentRootPath"/>.
    /// </summary>
    public string GetConnectionString()
    {
        var provider = GetProvider();
        if (provider != DatabaseProvider.Sqlite)
        {
            return string.IsNullOrWhiteSpace(ConnectionString)
                ? throw new PortalConfigurationException(DatabaseOptionsValidator.MissingConnectionStringMessage(provider))
                : ConnectionString;
        }

        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(ConnectionString) ? DefaultSqliteConnectionString : ConnectionString);
        if (IsFileDatabase(builder) && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(ContentRootPath, builder.DataSource));
        }

        return builder.ConnectionString;
    }

    internal static bool IsFileDatabase(SqliteConnectionStringBuilder builder) =>
        builder.Mode != SqliteOpenMode.Memory
        && !string.IsNullOrEmpty(builder.DataSource)
        && !builder.DataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Checks <see cref="DatabaseOptions"/> at start-up, with messages a person can act on.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public const string MissingPostgresConnectionStringMessage =
        $"{DatabaseOptions.ConnectionStringKey} must be set when {DatabaseOptions.ProviderKey} is Postgres "
        + "(for example \"Host=localhost;Database=telesurv;Username=telesurv;Password=...\").";

    public const string MissingSqlServerConnectionStringMessage =
        $"{DatabaseOptions.ConnectionStringKey} must be set when {DatabaseOptions.ProviderKey} is SqlServer "
        + "(for example \"Server=sql01.hopital.local;Database=telesurv;Integrated Security=True;Encrypt=True\").";

    public static string MissingConnectionStringMessage(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? MissingSqlServerConnectionStringMessage : MissingPostgresConnectionStringMessage;

    public static string UnknownProviderMessage(string? value) =>
        $"{DatabaseOptions.ProviderKey} is \"{value}\", which is not a known database provider: use Sqlite, Postgres or SqlServer.";

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (!options.TryGetProvider(out var provider))
        {
            return ValidateOptionsResult.Fail(UnknownProviderMessage(options.Provider));
        }

        if (provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(MissingConnectionStringMessage(provider));
        }

        try
        {
            var connectionString = options.GetConnectionString();
            _ = provider switch
            {
                DatabaseProvider.Postgres => (object)new NpgsqlConnectionStringBuilder(connectionString),
                DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(connectionString),
                _ => connectionString,
            };
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.ConnectionStringKey} is not a valid {provider} connection string: "
                + PortalConfigurationException.AsSentenceEnd(ex.Message));
        }

        return ValidateOptionsResult.Success;
    }
}
