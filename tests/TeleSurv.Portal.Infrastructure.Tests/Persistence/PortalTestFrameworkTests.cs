using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Infrastructure.Tests.Persistence;

/// <summary>Which tests the test framework skips where no SQL Server is configured.</summary>
public sealed class PortalTestFrameworkTests
{
    [Fact]
    public void A_class_on_the_SQL_Server_fixture_or_a_SQL_Server_row_needs_SQL_Server()
    {
        Assert.True(PortalTestFramework.NeedsSqlServer(typeof(OnSqlServer), null));
        Assert.True(PortalTestFramework.NeedsSqlServer(typeof(MarkedForSqlServer), null));
        Assert.True(PortalTestFramework.NeedsSqlServer(typeof(PortalTestFrameworkTests), [DatabaseProvider.SqlServer]));
    }

    [Fact]
    public void Other_providers_and_plain_tests_do_not()
    {
        Assert.False(PortalTestFramework.NeedsSqlServer(typeof(OnPostgres), null));
        Assert.False(PortalTestFramework.NeedsSqlServer(typeof(PortalTestFrameworkTests), [DatabaseProvider.Postgres]));
        Assert.False(PortalTestFramework.NeedsSqlServer(typeof(PortalTestFrameworkTests), [DatabaseProvider.Sqlite, "SqlServer"]));
        Assert.False(PortalTestFramework.NeedsSqlServer(typeof(PortalTestFrameworkTests), null));
    }

    [Fact]
    public void The_test_provider_rows_include_SQL_Server()
    {
        Assert.Contains(DatabaseProvider.SqlServer, ((IEnumerable<object[]>)TestProviders.All).Select(row => (DatabaseProvider)row[0]));
    }

    private sealed class OnSqlServer : IClassFixture<SqlServerDatabaseFixture>;

    private sealed class OnPostgres : IClassFixture<PostgresDatabaseFixture>;

    [OnSqlServer]
    private sealed class MarkedForSqlServer;
}
