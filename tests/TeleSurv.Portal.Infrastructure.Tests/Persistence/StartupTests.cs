using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Npgsql;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Infrastructure.Tests.Persistence;

/// <summary>Start-up as the portal does it: AddInfrastructure, then PreparePortalDatabaseAsync.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "telesurv-tests", $"root-{Guid.NewGuid():N}");

    public StartupTests() => Directory.CreateDirectory(_contentRoot);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_contentRoot, recursive: true);
    }

    [Fact]
    public async Task An_unknown_provider_stops_start_up_with_one_sentence_naming_the_setting()
    {
        await using var services = Services(new() { ["Database:Provider"] = "Oracle" });

        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => services.PreparePortalDatabaseAsync());

        Assert.Equal(
            "Database:Provider is \"Oracle\", which is not a known database provider: use Sqlite, Postgres or SqlServer.",
            error.Message);
    }

    [Fact]
    public async Task A_host_refuses_to_start_with_an_unknown_provider_even_without_preparing_the_database()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Mongo" });
        builder.Services.AddInfrastructure(builder.Configuration, builder.Environment);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            ["Database:Provider is \"Mongo\", which is not a known database provider: use Sqlite, Postgres or SqlServer."],
            error.Failures);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_start_up_naming_the_setting()
    {
        await using var services = Services(new() { ["Database:Provider"] = "Postgres" });

        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => services.PreparePortalDatabaseAsync());

        Assert.StartsWith("ConnectionStrings:Portal must be set when Database:Provider is Postgres", error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public async Task A_malformed_connection_string_stops_start_up_naming_the_setting()
    {
        await using var services = Services(new()
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Portal"] = "Hots=localhost;Database=telesurv",
        });

        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => services.PreparePortalDatabaseAsync());

        Assert.StartsWith("ConnectionStrings:Portal is not a valid Postgres connection string", error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public async Task An_unreachable_postgres_server_stops_start_up_naming_the_setting_without_the_password()
    {
        await using var services = Services(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = $"Host=127.0.0.1;Port={ClosedPort()};Database=telesurv;Username=telesurv;Password=s3cret-pw;Timeout=5",
        });

        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => services.PreparePortalDatabaseAsync());

        Assert.StartsWith(
            "The database set by ConnectionStrings:Portal (PostgreSQL database \"telesurv\" on 127.0.0.1:",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public async Task SqlServer_without_a_connection_string_stops_start_up_naming_the_setting()
    {
        await using var services = Services(new() { ["Database:Provider"] = "SqlServer" });

        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => services.PreparePortalDatabaseAsync());

        Assert.StartsWith("ConnectionStrings:Portal must be set when Database:Provider is SqlServer", error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public async Task A_malformed_SqlServer_connection_string_stops_start_up_naming_the_setting()
    {
        await using var services = Services(new()
        {
            ["Database:Provider"] = "sqlserver",
            ["ConnectionStrings:Portal"] = "Sever=sql01;Database=telesurv;Integrated Security=True",
        });

        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => services.PreparePortalDatabaseAsync());

        Assert.StartsWith("ConnectionStrings:Portal is not a valid SqlServer connection string", error.Message, StringComparison.Ordinal);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public async Task An_unreachable_SqlServer_stops_start_up_naming_the_setting_without_the_password()
    {
        await using var services = Services(new()
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Portal"] =
                $"Server=tcp:127.0.0.1,{ClosedPort()};Database=telesurv;User ID=telesurv;Password=s3cret-pw;Encrypt=False;Connect Timeout=3;ConnectRetryCount=0",
        });

        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => services.PreparePortalDatabaseAsync());

        Assert.StartsWith(
            "The database set by ConnectionStrings:Portal (SQL Server database \"telesurv\" on tcp:127.0.0.1,",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<System.Data.Common.DbException>(error.InnerException);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public async Task A_sqlite_file_that_cannot_be_created_stops_start_up_naming_the_setting()
    {
        var blocker = Path.Combine(_contentRoot, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the database folder should be");
        await using var services = Services(new() { ["ConnectionStrings:Portal"] = "Data Source=not-a-folder/telesurv.db" });

        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => services.PreparePortalDatabaseAsync());

        Assert.StartsWith(
            $"The database set by ConnectionStrings:Portal (SQLite file {Path.Combine(blocker, "telesurv.db")}) cannot be reached",
            error.Message,
            StringComparison.Ordinal);
        AssertOneSentence(error.Message);
    }

    [Fact]
    public async Task By_default_a_migrated_sqlite_file_is_created_under_data_in_the_content_root()
    {
        await using var services = Services([]);

        await services.PreparePortalDatabaseAsync();

        Assert.True(File.Exists(Path.Combine(_contentRoot, "data", "telesurv.db")));
        await using var db = await services.GetRequiredService<IPortalDbContextFactory>().CreateAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Patients.CountAsync());
    }

    [Fact]
    public async Task A_relative_sqlite_path_is_resolved_against_the_content_root()
    {
        await using var services = Services(new() { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Portal"] = "Data Source=db/portal.db" });

        await services.PreparePortalDatabaseAsync();

        Assert.True(File.Exists(Path.Combine(_contentRoot, "db", "portal.db")));
    }

    [Fact]
    public async Task Sqlite_connections_use_the_write_ahead_log_foreign_keys_and_a_busy_timeout()
    {
        await using var services = Services([]);
        await services.PreparePortalDatabaseAsync();
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        await db.Database.OpenConnectionAsync();
        Assert.Equal("wal", await Pragma(db, "journal_mode"));
        Assert.Equal("1", await Pragma(db, "foreign_keys"));
        Assert.Equal("5000", await Pragma(db, "busy_timeout"));
    }

    [Fact]
    public async Task Postgres_start_up_creates_the_database_when_it_does_not_exist_yet()
    {
        var name = $"telesurv_test_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = name }.ConnectionString;
        try
        {
            await using var services = Services(new() { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Portal"] = connectionString });

            await services.PreparePortalDatabaseAsync();

            await using var db = await services.GetRequiredService<IPortalDbContextFactory>().CreateAsync();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }
        finally
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            await using var admin = new NpgsqlConnection(TestDatabase.PostgresServer);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task A_missing_database_that_the_login_may_not_create_stops_start_up_with_one_sentence()
    {
        var role = $"telesurv_nocreate_{Guid.NewGuid():N}";
        var name = $"telesurv_test_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(TestDatabase.PostgresServer);
        await admin.OpenAsync();
        await using (var createRole = new NpgsqlCommand($"CREATE ROLE \"{role}\" LOGIN NOCREATEDB PASSWORD 'pw-{role}'", admin))
        {
            await createRole.ExecuteNonQueryAsync();
        }

        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer)
            {
                Database = name,
                Username = role,
                Password = $"pw-{role}",
            }.ConnectionString;
            await using var services = Services(new() { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Portal"] = connectionString });

            var error = await Assert.ThrowsAsync<PortalConfigurationException>(() => services.PreparePortalDatabaseAsync());

            Assert.StartsWith(
                $"The database set by ConnectionStrings:Portal (PostgreSQL database \"{name}\" on 127.0.0.1:",
                error.Message,
                StringComparison.Ordinal);
            Assert.Contains("does not exist and its login may not create it", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain($"pw-{role}", error.Message, StringComparison.Ordinal);
            AssertOneSentence(error.Message);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var dropRole = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{role}\"", admin);
            await dropRole.ExecuteNonQueryAsync();
        }
    }

    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task The_health_check_reports_a_reachable_database_as_healthy(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = Services(new(database.Settings));

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["database"].Status);
    }

    [Fact]
    public async Task The_health_check_reports_an_unreachable_database_as_unhealthy()
    {
        await using var services = Services(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = $"Host=127.0.0.1;Port={ClosedPort()};Database=telesurv;Username=telesurv;Timeout=5",
        });

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["database"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public void Postgres_backed_tests_fail_with_instructions_when_no_server_is_configured()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TestDatabase.RequirePostgresServer(null));

        Assert.Contains("tests/run.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestDatabase.PostgresVariable, error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => TestDatabase.RequirePostgresServer(" "));
    }

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var environment = new HostingEnvironment
        {
            ApplicationName = "TeleSurv.Portal.Infrastructure.Tests",
            EnvironmentName = "Testing",
            ContentRootPath = _contentRoot,
            ContentRootFileProvider = new NullFileProvider(),
        };
        return new ServiceCollection()
            .AddLogging()
            .AddInfrastructure(configuration, environment)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A local port nothing listens on: taken from the system, then released.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void AssertOneSentence(string message)
    {
        Assert.DoesNotContain('\n', message);
        Assert.EndsWith(".", message, StringComparison.Ordinal);
    }

    private static async Task<string> Pragma(PortalDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
