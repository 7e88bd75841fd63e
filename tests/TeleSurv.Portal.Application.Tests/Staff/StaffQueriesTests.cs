using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Staff;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Staff;

public abstract class StaffQueriesTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly TestCurrentUser NobodyYet = TestCurrentUser.Anonymous();

    [Fact]
    public async Task The_demo_user_list_shows_active_members_by_role_then_name_with_their_establishments()
    {
        var annecy = TestData.Establishment("CH Annecy Genevois");
        var argonay = TestData.Establishment("Clinique d'Argonay");
        var admin = TestData.Staff(StaffRole.Admin, "Sophie GIRAUD", annecy);
        var oncologist = TestData.Staff(StaffRole.Oncologist, "Dr Hélène PETIT", argonay, annecy);
        var ide = TestData.Staff(StaffRole.Ide, "Zoé MARCHAND", annecy);
        var ipa = TestData.Staff(StaffRole.Ipa, "Marc ROUSSEL", annecy);
        var otherIde = TestData.Staff(StaffRole.Ide, "Anne BLANC", argonay);
        var retired = TestData.Staff(StaffRole.Ide, "Ancien COMPTE", annecy);
        retired.IsActive = false;
        await Host.InsertAsync(annecy, argonay, admin, oncologist, ide, ipa, otherIde, retired);
        Guid[] created = [admin.Id, oncologist.Id, ide.Id, ipa.Id, otherIde.Id, retired.Id];

        var users = (await Host.SendAsync(NobodyYet, new ListDemoUsersQuery())).Where(u => created.Contains(u.StaffMemberId)).ToList();

        Assert.Equal([otherIde.Id, ide.Id, ipa.Id, oncologist.Id, admin.Id], users.Select(u => u.StaffMemberId));
        var doctor = users.Single(u => u.StaffMemberId == oncologist.Id);
        Assert.Equal(StaffRole.Oncologist, doctor.Role);
        Assert.Equal(oncologist.Login, doctor.Login);
        Assert.Equal(["CH Annecy Genevois", "Clinique d'Argonay"], doctor.EstablishmentNames);
    }

    [Fact]
    public async Task The_sign_in_profile_gives_the_member_role_and_establishments()
    {
        var first = TestData.Establishment();
        var second = TestData.Establishment();
        var nurse = TestData.Staff(StaffRole.Ipa, "Marc ROUSSEL", first, second);
        await Host.InsertAsync(first, second, nurse);

        var profile = await Host.SendAsync(NobodyYet, new GetSignInProfileQuery(nurse.Login));

        Assert.NotNull(profile);
        Assert.Equal(nurse.Id, profile.StaffMemberId);
        Assert.Equal("Marc ROUSSEL", profile.DisplayName);
        Assert.Equal(StaffRole.Ipa, profile.Role);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), profile.EstablishmentIds.Order());
    }

    [Fact]
    public async Task There_is_no_sign_in_profile_for_an_unknown_or_inactive_login()
    {
        var establishment = TestData.Establishment();
        var gone = TestData.Staff(StaffRole.Oncologist, "Dr Parti AILLEURS", establishment);
        gone.IsActive = false;
        await Host.InsertAsync(establishment, gone);

        Assert.Null(await Host.SendAsync(NobodyYet, new GetSignInProfileQuery(gone.Login)));
        Assert.Null(await Host.SendAsync(NobodyYet, new GetSignInProfileQuery("inconnu." + Guid.NewGuid())));
    }

    [Fact]
    public async Task A_sign_in_profile_needs_a_login()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Host.SendAsync(NobodyYet, new GetSignInProfileQuery("")));

        Assert.Equal(["Login"], error.Errors.Keys);
    }

}

public sealed class StaffQueriesSqliteTests(SqliteDatabaseFixture fixture) : StaffQueriesTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class StaffQueriesPostgresTests(PostgresDatabaseFixture fixture) : StaffQueriesTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class StaffQueriesSqlServerTests(SqlServerDatabaseFixture fixture) : StaffQueriesTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
