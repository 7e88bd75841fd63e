using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure.Tests.Persistence;

/// <summary>The PostgreSQL connection settings the portal adds to the configured connection string, unless it says otherwise.</summary>
public sealed class PortalDbContextOptionsTests
{
    private static NpgsqlConnectionStringBuilder ConnectionOf(string configured) =>
        new(RelationalOptionsExtension.Extract(PortalDbContextOptions.Create(DatabaseProvider.Postgres, configured)).ConnectionString);

    [Fact]
    public void Frequent_statements_are_prepared_and_pooled_connections_are_not_reset()
    {
        var connection = ConnectionOf("Host=db.example;Database=telesurv;Username=portal");

        Assert.Equal((64, true), (connection.MaxAutoPrepare, connection.NoResetOnClose));
        Assert.Equal(("db.example", "telesurv", "portal"), (connection.Host, connection.Database, connection.Username));
    }

    [Fact]
    public void What_the_connection_string_sets_is_kept()
    {
        var connection = ConnectionOf("Host=db.example;Database=telesurv;Max Auto Prepare=8;No Reset On Close=false");

        Assert.Equal((8, false), (connection.MaxAutoPrepare, connection.NoResetOnClose));
    }
}
