using TeleSurv.Portal.Application.Dashboard;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Dashboard;

public abstract class ListMyEstablishmentsTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Lists_the_establishments_the_user_works_for_by_name_and_no_other()
    {
        var vallee = TestData.Establishment("Hôpital de la Vallée");
        var abbaye = TestData.Establishment("Clinique de l'Abbaye");
        var elsewhere = TestData.Establishment("Centre hospitalier d'ailleurs");
        var nurse = TestData.Staff(StaffRole.Ipa, "Marc ROUSSEL", vallee, abbaye);
        await Host.InsertAsync(vallee, abbaye, elsewhere, nurse);

        var options = await Host.SendAsync(TestData.UserFor(nurse), new ListMyEstablishmentsQuery());

        Assert.Equal(["Clinique de l'Abbaye", "Hôpital de la Vallée"], options.Select(o => o.Name));
        Assert.Equal([abbaye.Id, vallee.Id], options.Select(o => o.EstablishmentId));
        Assert.Equal(vallee.Code, options.Single(o => o.EstablishmentId == vallee.Id).Code);
    }
}

public sealed class ListMyEstablishmentsSqliteTests(SqliteDatabaseFixture fixture) : ListMyEstablishmentsTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class ListMyEstablishmentsPostgresTests(PostgresDatabaseFixture fixture) : ListMyEstablishmentsTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class ListMyEstablishmentsSqlServerTests(SqlServerDatabaseFixture fixture) : ListMyEstablishmentsTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
