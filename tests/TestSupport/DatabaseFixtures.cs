using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.TestSupport;

/// <summary>
/// Runs a test once per provider:
/// <c>[Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]</c>
/// with a <see cref="DatabaseProvider"/> parameter.
/// </summary>
public static class TestProviders
{
    /// <remarks>The SQL Server row is skipped, with the reason, where <c>TELESURV_TEST_SQLSERVER</c> is not set.</remarks>
    public static TheoryData<DatabaseProvider> All => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer };

    /// <summary>For a test that loops over the providers itself: SQL Server only where one is configured.</summary>
    public static IReadOnlyList<DatabaseProvider> Configured =>
        TestDatabase.SqlServer is null
            ? [DatabaseProvider.Sqlite, DatabaseProvider.Postgres]
            : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer];
}

/// <summary>
/// One migrated database shared by a test class. Write the tests once in an abstract class taking a
/// <see cref="DatabaseFixture"/>, and derive one class per provider with <c>IClassFixture&lt;SqliteDatabaseFixture&gt;</c>,
/// <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c> and <c>IClassFixture&lt;SqlServerDatabaseFixture&gt;</c>.
/// </summary>
public abstract class DatabaseFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public DatabaseProvider Provider { get; } = provider;

    public TestDatabase Database =>
        _database ?? throw new InvalidOperationException("The database fixture has not been initialised.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(Provider);

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteDatabaseFixture() : DatabaseFixture(DatabaseProvider.Sqlite);

public sealed class PostgresDatabaseFixture() : DatabaseFixture(DatabaseProvider.Postgres);

/// <summary>Tests of a class using this fixture are skipped, with the reason, where <c>TELESURV_TEST_SQLSERVER</c> is not set.</summary>
public sealed class SqlServerDatabaseFixture() : DatabaseFixture(DatabaseProvider.SqlServer);

/// <summary>
/// Marks a test class that runs on SQL Server: its tests are reported skipped, with the reason, where
/// <c>TELESURV_TEST_SQLSERVER</c> is not set (<see cref="PortalTestFramework"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OnSqlServerAttribute : Attribute;
