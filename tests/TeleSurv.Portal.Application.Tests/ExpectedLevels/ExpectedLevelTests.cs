using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.ExpectedLevels;
using TeleSurv.Portal.Application.Tests.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.ExpectedLevels;

/// <summary>
/// Expected levels as clinicians set them: checked (a graded symptom, 0-3, at most 30 days), one in force per
/// symptom, cancellable, listed, audited. Their effect on alerts is tested with the submissions.
/// </summary>
public abstract class ExpectedLevelTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task A_level_is_stored_for_its_symptom_until_the_date_given_and_audited()
    {
        var patient = await PatientScenario.CreateAsync(Host, issueLink: false);

        var row = await SetAsync(patient, "nausea", 2, Host.Now.AddDays(30));

        Assert.Equal((patient.Enrollment.Id, "nausea", 2, Host.Now, Host.Now.AddDays(30)), (row.EnrollmentId, row.ItemKey, row.MaxGrade, row.From, row.Until));
        Assert.Equal((patient.Nurse.Id, (DateTime?)null), (row.SetById, row.CancelledAt));
        await using var db = Host.Database.CreateContext();
        var stored = await db.ExpectedLevels.SingleAsync(l => l.Id == row.ExpectedLevelId);
        Assert.Equal("Nausées attendues après la cure.", stored.Reason);
        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "expected-level.set" && e.PatientId == patient.Patient.Id));
        Assert.Equal((AuditOutcome.Success, patient.Nurse.Id, patient.Establishment.Id), (entry.Outcome, entry.StaffMemberId!.Value, entry.EstablishmentId!.Value));
        Assert.Equal(("ExpectedLevel", row.ExpectedLevelId.ToString()), (entry.TargetType, entry.TargetId));
        Assert.Contains("nausea up to grade 2", entry.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, int, double, string> Refused => new()
    {
        { "grade above 3", "nausea", 4, 7, "MaxGrade" },
        { "negative grade", "nausea", -1, 7, "MaxGrade" },
        { "more than 30 days", "nausea", 2, 30.01, "Until" },
        { "in the past", "nausea", 2, -1, "Until" },
        { "unknown symptom", "hiccups", 2, 7, "ItemKey" },
        { "yes/no item, never graded", "rash", 1, 7, "ItemKey" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Levels_outside_the_rules_are_refused(string situation, string itemKey, int maxGrade, double days, string field)
    {
        var patient = await PatientScenario.CreateAsync(Host, issueLink: false);

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => SetAsync(patient, itemKey, maxGrade, Host.Now.AddDays(days)));

        Assert.True(invalid.Errors.ContainsKey(field), $"{situation}: {string.Join(", ", invalid.Errors.Keys)}");
        await using var db = Host.Database.CreateContext();
        Assert.False(await db.ExpectedLevels.AnyAsync(l => l.EnrollmentId == patient.Enrollment.Id));
    }

    [Fact]
    public async Task A_new_level_for_the_same_symptom_replaces_the_one_in_force()
    {
        var patient = await PatientScenario.CreateAsync(Host, issueLink: false);
        var first = await SetAsync(patient, "nausea", 2, Host.Now.AddDays(10));
        var fatigue = await SetAsync(patient, "fatigue", 1, Host.Now.AddDays(10));

        Host.Clock.Advance(TimeSpan.FromHours(1));
        var second = await SetAsync(patient, "nausea", 3, Host.Now.AddDays(5));

        var listed = await Host.SendAsync(patient.NurseUser, new ListExpectedLevelsQuery(patient.Patient.Id));
        Assert.Equal([fatigue.ExpectedLevelId, second.ExpectedLevelId], listed.Select(l => l.ExpectedLevelId));
        Assert.Equal("Infirmière Test", listed[0].SetByName);
        await using var db = Host.Database.CreateContext();
        Assert.Equal(Host.Now, (await db.ExpectedLevels.SingleAsync(l => l.Id == first.ExpectedLevelId)).CancelledAt);
    }

    [Fact]
    public async Task A_cancelled_level_leaves_the_list_and_cancelling_again_changes_nothing()
    {
        var patient = await PatientScenario.CreateAsync(Host, issueLink: false);
        var level = await SetAsync(patient, "pain", 2, Host.Now.AddDays(7));
        var oncologist = TestData.Staff(StaffRole.Oncologist, "Dr Test", patient.Establishment);
        await Host.InsertAsync(oncologist);

        var cancelled = await Host.SendAsync(TestData.UserFor(oncologist), new CancelExpectedLevelCommand(patient.Patient.Id, level.ExpectedLevelId));
        var again = await Host.SendAsync(patient.NurseUser, new CancelExpectedLevelCommand(patient.Patient.Id, level.ExpectedLevelId));

        Assert.True(cancelled);
        Assert.False(again);
        Assert.Empty(await Host.SendAsync(patient.NurseUser, new ListExpectedLevelsQuery(patient.Patient.Id)));
        var entries = await Host.AuditEntriesAsync(e => e.Action == "expected-level.cancel" && e.PatientId == patient.Patient.Id);
        Assert.Equal([oncologist.Id, patient.Nurse.Id], entries.Select(e => e.StaffMemberId!.Value));
    }

    [Fact]
    public async Task A_level_over_is_no_longer_listed()
    {
        var patient = await PatientScenario.CreateAsync(Host, issueLink: false);
        await SetAsync(patient, "pain", 2, Host.Now.AddHours(2));

        Host.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Empty(await Host.SendAsync(patient.NurseUser, new ListExpectedLevelsQuery(patient.Patient.Id)));
    }

    [Fact]
    public async Task A_clinician_cannot_set_or_cancel_a_level_of_a_follow_up_elsewhere()
    {
        var patient = await PatientScenario.CreateAsync(Host, issueLink: false);
        var elsewhere = await PatientScenario.CreateAsync(Host, issueLink: false);
        var level = await SetAsync(elsewhere, "pain", 2, Host.Now.AddDays(7));

        await Assert.ThrowsAnyAsync<NotFoundException>(() => Host.SendAsync(patient.NurseUser, new SetExpectedLevelCommand
        {
            PatientId = patient.Patient.Id,
            EnrollmentId = elsewhere.Enrollment.Id,
            ItemKey = "pain",
            MaxGrade = 3,
            Until = Host.Now.AddDays(7),
            Reason = "Essai hors périmètre.",
        }));
        await Assert.ThrowsAnyAsync<NotFoundException>(() =>
            Host.SendAsync(patient.NurseUser, new CancelExpectedLevelCommand(patient.Patient.Id, level.ExpectedLevelId)));

        Assert.Single(await Host.SendAsync(elsewhere.NurseUser, new ListExpectedLevelsQuery(elsewhere.Patient.Id)));
    }

    private Task<ExpectedLevelRow> SetAsync(PatientScenario patient, string itemKey, int maxGrade, DateTime until) =>
        Host.SendAsync(patient.NurseUser, new SetExpectedLevelCommand
        {
            PatientId = patient.Patient.Id,
            EnrollmentId = patient.Enrollment.Id,
            ItemKey = itemKey,
            MaxGrade = maxGrade,
            Until = until,
            Reason = "  Nausées attendues après la cure. ",
        });
}

public sealed class ExpectedLevelSqliteTests(SqliteDatabaseFixture fixture) : ExpectedLevelTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class ExpectedLevelPostgresTests(PostgresDatabaseFixture fixture) : ExpectedLevelTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class ExpectedLevelSqlServerTests(SqlServerDatabaseFixture fixture) : ExpectedLevelTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
