using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Staff;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Staff;

/// <summary>What a single sign-on makes of the provider's claims, with the staff directory, on both databases.</summary>
public abstract class SignInWithIdentityProviderTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly TestCurrentUser NobodyYet = TestCurrentUser.Anonymous();

    [Fact]
    public async Task A_first_sign_in_with_a_claimed_role_adds_the_member_to_the_directory()
    {
        var first = TestData.Establishment();
        var second = TestData.Establishment();
        await Host.InsertAsync(first, second);
        var login = "sso." + Guid.NewGuid().ToString("N");

        var outcome = await Host.SendAsync(NobodyYet, Claimed(login, StaffRole.Ipa, first.Finess, second.Finess, "999999999", "pas-un-finess"));

        var profile = Assert.IsType<SignInProfile>(outcome.Profile);
        Assert.Null(outcome.Refusal);
        Assert.Equal(StaffRole.Ipa, profile.Role);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), profile.EstablishmentIds);
        var member = await FindAsync(login);
        Assert.Equal(profile.StaffMemberId, member!.Id);
        Assert.Equal("Alex DURAND", member.DisplayName);
        Assert.Equal("alex@ght.test", member.Email);
        Assert.True(member.IsActive);
        var audit = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "staff.sign-in" && e.TargetId == member.Id.ToString()));
        Assert.Equal("Alex DURAND", audit.Actor);
    }

    [Fact]
    public async Task A_later_sign_in_brings_the_claimed_role_and_establishments_up_to_date()
    {
        var before = TestData.Establishment();
        var after = TestData.Establishment();
        var member = TestData.Staff(StaffRole.Ide, "Ancien NOM", before);
        await Host.InsertAsync(before, after, member);

        var outcome = await Host.SendAsync(NobodyYet, Claimed(member.Login, StaffRole.Oncologist, after.Finess) with { DisplayName = "Nouveau NOM" });

        Assert.Equal(member.Id, outcome.Profile!.StaffMemberId);
        var updated = await FindAsync(member.Login);
        Assert.Equal(StaffRole.Oncologist, updated!.Role);
        Assert.Equal("Nouveau NOM", updated.DisplayName);
        Assert.Equal(after.Id, Assert.Single(updated.Establishments).EstablishmentId);
    }

    [Fact]
    public async Task When_the_directory_decides_the_member_keeps_the_directory_role_and_establishments()
    {
        var establishment = TestData.Establishment();
        var member = TestData.Staff(StaffRole.Oncologist, "Dr Sophie LEFEVRE", establishment);
        await Host.InsertAsync(establishment, member);

        var outcome = await Host.SendAsync(NobodyYet, new SignInWithIdentityProviderCommand { Login = member.Login, DisplayName = "Sophie Lefèvre" });

        Assert.Equal(StaffRole.Oncologist, outcome.Profile!.Role);
        Assert.Equal([establishment.Id], outcome.Profile.EstablishmentIds);
        Assert.Equal("Sophie Lefèvre", (await FindAsync(member.Login))!.DisplayName);
    }

    [Fact]
    public async Task Users_the_portal_cannot_admit_are_refused_with_the_reason_and_nothing_is_written()
    {
        var establishment = TestData.Establishment();
        var retired = TestData.Staff(StaffRole.Ide, "Ancien COMPTE", establishment);
        retired.IsActive = false;
        var homeless = TestData.Staff(StaffRole.Ide, "Sans ÉTABLISSEMENT");
        await Host.InsertAsync(establishment, retired, homeless);
        var stranger = "inconnu." + Guid.NewGuid().ToString("N");

        Assert.Equal(SignInRefusal.NoRole, (await Host.SendAsync(NobodyYet, Claimed(stranger, null, establishment.Finess))).Refusal);
        Assert.Equal(SignInRefusal.NoRole, (await Host.SendAsync(NobodyYet, new SignInWithIdentityProviderCommand { Login = stranger, DisplayName = "X" })).Refusal);
        Assert.Equal(SignInRefusal.NoEstablishment, (await Host.SendAsync(NobodyYet, Claimed(stranger, StaffRole.Ide, "123456789"))).Refusal);
        Assert.Equal(SignInRefusal.NoEstablishment, (await Host.SendAsync(NobodyYet, new SignInWithIdentityProviderCommand { Login = homeless.Login, DisplayName = "X" })).Refusal);
        Assert.Equal(SignInRefusal.Inactive, (await Host.SendAsync(NobodyYet, Claimed(retired.Login, StaffRole.Ide, establishment.Finess))).Refusal);

        Assert.Null(await FindAsync(stranger));
        Assert.False((await FindAsync(retired.Login))!.IsActive);
        var refusals = await Host.AuditEntriesAsync(e => e.Action == "staff.sign-in" && e.Detail == "Refused: NoRole");
        Assert.Contains(refusals, e => e.Actor == "Alex DURAND");
    }

    [Fact]
    public async Task A_sign_in_needs_a_login_and_a_name()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Host.SendAsync(NobodyYet, new SignInWithIdentityProviderCommand { Login = "", DisplayName = new string('x', 201) }));

        Assert.Equal(["DisplayName", "Login"], error.Errors.Keys.Order());
    }

    private static SignInWithIdentityProviderCommand Claimed(string login, StaffRole? role, params string[] finess) => new()
    {
        Login = login,
        DisplayName = "Alex DURAND",
        Email = "alex@ght.test",
        RoleFromProvider = true,
        Role = role,
        EstablishmentFiness = finess,
    };

    private async Task<StaffMember?> FindAsync(string login)
    {
        await using var db = Host.Database.CreateContext();
        return await db.StaffMembers.AsNoTracking().FirstOrDefaultAsync(s => s.Login == login);
    }
}

public sealed class SignInWithIdentityProviderSqliteTests(SqliteDatabaseFixture fixture) : SignInWithIdentityProviderTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class SignInWithIdentityProviderPostgresTests(PostgresDatabaseFixture fixture) : SignInWithIdentityProviderTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class SignInWithIdentityProviderSqlServerTests(SqlServerDatabaseFixture fixture) : SignInWithIdentityProviderTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
