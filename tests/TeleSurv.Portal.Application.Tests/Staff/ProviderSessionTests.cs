using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Staff;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Staff;

/// <summary>
/// The provider's front-channel logout names its session; the portal sessions opened under it are found in the
/// database, so the call ends them whichever instance receives it, and after a restart.
/// </summary>
public abstract class ProviderSessionTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Ending_a_provider_session_ends_every_portal_session_opened_under_it_and_no_other()
    {
        var establishment = TestData.Establishment();
        var nurse = TestData.Staff(StaffRole.Ide, "Lina GARCIA", establishment);
        var colleague = TestData.Staff(StaffRole.Ide, "Inès MOREL", establishment);
        await Host.InsertAsync(establishment, nurse, colleague);
        var sid = "sid-" + Guid.NewGuid();
        var anonymous = TestCurrentUser.Anonymous();
        var first = await Host.SendAsync(anonymous, new OpenStaffSessionCommand(nurse.Id, "Oidc", "10.0.0.1", sid));
        var second = await Host.SendAsync(anonymous, new OpenStaffSessionCommand(nurse.Id, "Oidc", "10.0.0.2", sid));
        var other = await Host.SendAsync(anonymous, new OpenStaffSessionCommand(colleague.Id, "Oidc", "10.0.0.3", "sid-other-" + Guid.NewGuid()));

        var ended = await Host.SendAsync(anonymous, new EndProviderSessionCommand(sid));

        Assert.Equal(new[] { first, second }.Order(), ended.Select(e => e.SessionId).Order());
        Assert.All(ended, e => Assert.Equal("Lina GARCIA", e.Member.DisplayName));
        Assert.All(ended, e => Assert.Equal([establishment.Id], e.Member.EstablishmentIds));
        await using var db = Host.Database.CreateContext();
        var sessions = await db.StaffSessions.AsNoTracking().Where(s => s.Id == first || s.Id == second || s.Id == other).ToListAsync();
        Assert.All(sessions.Where(s => s.Id != other), s => Assert.Equal(StaffSessionEnd.SignedOutAtProvider, s.EndReason));
        Assert.True(sessions.Single(s => s.Id == other).IsOpen);

        // Said twice (the provider retries a frame that did not load): nothing more to end.
        Assert.Empty(await Host.SendAsync(anonymous, new EndProviderSessionCommand(sid)));
    }
}

public sealed class ProviderSessionSqliteTests(SqliteDatabaseFixture fixture) : ProviderSessionTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class ProviderSessionPostgresTests(PostgresDatabaseFixture fixture) : ProviderSessionTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class ProviderSessionSqlServerTests(SqlServerDatabaseFixture fixture) : ProviderSessionTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
