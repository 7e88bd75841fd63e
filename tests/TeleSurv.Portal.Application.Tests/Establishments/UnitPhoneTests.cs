using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Establishments;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Establishments;

/// <summary>
/// An admin sets the number a patient with an urgent alert is told to call: it reaches what the patient is shown,
/// a number no one can dial is refused, and each change is audited with the number before and after.
/// </summary>
public abstract class UnitPhoneTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task The_number_an_admin_sets_is_the_one_a_patient_of_the_establishment_is_told_to_call()
    {
        var establishment = TestData.Establishment("CH de Vallombre");
        var admin = TestData.Staff(StaffRole.Admin, "Nadia ROUSSEL", establishment);
        var patient = TestData.Patient("MARCHAND", "Lucie", new DateOnly(1958, 2, 14), establishment);
        var enrollment = TestData.Enrollment(patient, establishment);
        await Host.InsertAsync(establishment, admin, patient, enrollment);
        Assert.Null(await PatientUnitPhoneAsync(enrollment.Id));

        var stored = await Host.SendAsync(TestData.UserFor(admin), new SetUnitPhoneCommand(establishment.Id, "02.41.35.36.37"));

        Assert.Equal("02 41 35 36 37", stored);
        Assert.Equal("02 41 35 36 37", await PatientUnitPhoneAsync(enrollment.Id));
        var listed = Assert.Single(await Host.SendAsync(TestData.UserFor(admin), new ListEstablishmentContactsQuery()));
        Assert.Equal("02 41 35 36 37", listed.UnitPhone);
        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "establishment.unit-phone" && e.EstablishmentId == establishment.Id));
        Assert.Equal(AuditOutcome.Success, entry.Outcome);
        Assert.Equal(establishment.Id.ToString(), entry.TargetId);
        Assert.Equal("Unit phone: none -> 02 41 35 36 37.", entry.Detail);
    }

    [Fact]
    public async Task A_number_no_one_can_dial_is_refused_and_the_stored_one_kept()
    {
        var establishment = TestData.Establishment();
        establishment.UnitPhone = "02 41 35 36 37";
        var admin = TestData.Staff(StaffRole.Admin, "Nadia ROUSSEL", establishment);
        await Host.InsertAsync(establishment, admin);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(
            () => Host.SendAsync(TestData.UserFor(admin), new SetUnitPhoneCommand(establishment.Id, "02 41 35")));

        Assert.Contains(refused.Errors, e => e.Key == nameof(SetUnitPhoneCommand.UnitPhone));
        var listed = Assert.Single(await Host.SendAsync(TestData.UserFor(admin), new ListEstablishmentContactsQuery()));
        Assert.Equal("02 41 35 36 37", listed.UnitPhone);
    }

    [Fact]
    public async Task Clearing_the_number_stores_none_and_says_what_it_was()
    {
        var establishment = TestData.Establishment();
        establishment.UnitPhone = "02 41 35 36 37";
        var admin = TestData.Staff(StaffRole.Admin, "Nadia ROUSSEL", establishment);
        await Host.InsertAsync(establishment, admin);

        Assert.Null(await Host.SendAsync(TestData.UserFor(admin), new SetUnitPhoneCommand(establishment.Id, "  ")));

        Assert.Null(Assert.Single(await Host.SendAsync(TestData.UserFor(admin), new ListEstablishmentContactsQuery())).UnitPhone);
        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "establishment.unit-phone" && e.EstablishmentId == establishment.Id));
        Assert.Equal("Unit phone: 02 41 35 36 37 -> none.", entry.Detail);
    }

    [Fact]
    public async Task An_admin_of_another_establishment_cannot_change_its_number_and_does_not_see_it()
    {
        var mine = TestData.Establishment("CH de Vallombre");
        var other = TestData.Establishment("CHU de Rivemont");
        other.UnitPhone = "02 61 91 00 11";
        var admin = TestData.Staff(StaffRole.Admin, "Nadia ROUSSEL", mine);
        await Host.InsertAsync(mine, other, admin);

        await Assert.ThrowsAsync<ForbiddenAccessException>(
            () => Host.SendAsync(TestData.UserFor(admin), new SetUnitPhoneCommand(other.Id, "01 02 03 04 05")));

        Assert.Equal([mine.Id], (await Host.SendAsync(TestData.UserFor(admin), new ListEstablishmentContactsQuery())).Select(e => e.EstablishmentId));
        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "establishment.unit-phone" && e.EstablishmentId == other.Id));
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
    }

    private async Task<string?> PatientUnitPhoneAsync(Guid enrollmentId)
    {
        await using var db = Host.Database.CreateContext();
        return await QuestionnaireSubmissionResults.UnitPhoneAsync(db, enrollmentId, CancellationToken.None);
    }
}

public sealed class UnitPhoneSqliteTests(SqliteDatabaseFixture fixture) : UnitPhoneTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class UnitPhonePostgresTests(PostgresDatabaseFixture fixture) : UnitPhoneTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class UnitPhoneSqlServerTests(SqlServerDatabaseFixture fixture) : UnitPhoneTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
