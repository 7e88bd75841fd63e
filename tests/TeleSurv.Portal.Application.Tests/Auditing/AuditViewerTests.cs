using TeleSurv.Portal.Application.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Application.Tests.Enrollments;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Auditing;

/// <summary>
/// The admin's audit viewer: filters that add up, newest first, paged; what an admin sees is what happened in
/// their establishments and what their staff did; a patient's name only for a patient they may see.
/// </summary>
public abstract class AuditViewerTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Filters_by_patient_action_actor_outcome_and_period_newest_first()
    {
        var mine = await EnrollmentScenario.CreateAsync(Host);
        var created = await mine.EnrolAsync();
        Host.Clock.Advance(TimeSpan.FromDays(2));
        await Host.SendAsync(mine.AdminUser, new GetEnrollmentQuery(mine.Patient.Id, created.EnrollmentId));
        await Assert.ThrowsAsync<ConflictException>(() => mine.EnrolAsync());

        var byPatient = await SearchAsync(mine, new AuditTrailFilter { PatientId = mine.Patient.Id });
        var reads = await SearchAsync(mine, new AuditTrailFilter { PatientId = mine.Patient.Id, Action = "enrollment.read", Actor = "admin incl" });
        var failed = await SearchAsync(mine, new AuditTrailFilter { PatientId = mine.Patient.Id, Outcome = AuditOutcome.Failed });
        var firstDay = await SearchAsync(mine, new AuditTrailFilter { PatientId = mine.Patient.Id, From = new DateOnly(2026, 3, 10), To = new DateOnly(2026, 3, 10) });
        var lastDays = await SearchAsync(mine, new AuditTrailFilter { PatientId = mine.Patient.Id, From = new DateOnly(2026, 3, 11) });
        var byTarget = await SearchAsync(mine, new AuditTrailFilter { TargetId = created.EnrollmentId.ToString() });

        Assert.Equal(["enrollment.create", "enrollment.read", "enrollment.create"], byPatient.Items.Select(r => r.Action));
        Assert.True(byPatient.Items[0].Sequence > byPatient.Items[1].Sequence);
        var read = Assert.Single(reads.Items);
        Assert.Equal(("Admin Inclusions", "Admin", mine.Establishment.Code, "ATTENTE Jeanne", AuditOutcome.Success), (read.Actor, read.Role, read.EstablishmentCode, read.PatientName, read.Outcome));
        Assert.Equal(Host.Now, read.At);
        Assert.Contains("Conflict: Duplicate", Assert.Single(failed.Items).Detail, StringComparison.Ordinal);
        Assert.Equal(["enrollment.create"], firstDay.Items.Select(r => r.Action));
        Assert.Equal(2, lastDays.TotalCount);
        Assert.Equal(["enrollment.read", "enrollment.create"], byTarget.Items.Select(r => r.Action));
    }

    [Fact]
    public async Task Pages_hold_the_requested_number_of_entries()
    {
        var mine = await EnrollmentScenario.CreateAsync(Host);
        var created = await mine.EnrolAsync();
        for (var i = 0; i < 3; i++)
        {
            await Host.SendAsync(mine.AdminUser, new GetEnrollmentQuery(mine.Patient.Id, created.EnrollmentId));
        }

        var filter = new AuditTrailFilter { PatientId = mine.Patient.Id };
        var second = await Host.SendAsync(mine.AdminUser, new SearchAuditTrailQuery { Filter = filter, Page = 2, PageSize = 3 });

        Assert.Equal((4, 2, 2), (second.TotalCount, second.PageCount, second.Page));
        Assert.Equal("enrollment.create", Assert.Single(second.Items).Action);
    }

    [Fact]
    public async Task An_admin_sees_their_establishments_and_their_staff_and_names_only_patients_they_may_see()
    {
        var mine = await EnrollmentScenario.CreateAsync(Host);
        var theirs = await EnrollmentScenario.CreateAsync(Host);
        await mine.EnrolAsync();
        await theirs.EnrolAsync();
        await Host.SendAsync(theirs.AdminUser, new SearchPatientsQuery { Term = "ATTENTE" });
        // My admin's own attempt at the other establishment is refused, and shown to my admin.
        await Assert.ThrowsAnyAsync<NotFoundException>(() => mine.EnrolAsync(mine.Command(theirs.Patient.Id)));

        var seen = await SearchAsync(mine, new AuditTrailFilter { Actor = "Admin Inclusions" });
        var own = seen.Items.Where(r => r.StaffMemberId == mine.Admin.Id).ToList();

        Assert.DoesNotContain(seen.Items, r => r.StaffMemberId == theirs.Admin.Id);
        Assert.Contains(own, r => r.Action == "enrollment.create" && r.Outcome == AuditOutcome.Success && r.PatientName == "ATTENTE Jeanne");
        var denied = Assert.Single(own, r => r.Outcome == AuditOutcome.Denied);
        Assert.Equal((theirs.Patient.Id, (string?)null), (denied.PatientId, denied.PatientName));
        Assert.Empty((await SearchAsync(mine, new AuditTrailFilter { PatientId = theirs.Patient.Id, Outcome = AuditOutcome.Success })).Items);
    }

    [Fact]
    public async Task The_export_holds_every_matching_entry_oldest_first_and_is_itself_audited()
    {
        var mine = await EnrollmentScenario.CreateAsync(Host);
        var created = await mine.EnrolAsync();
        await Host.SendAsync(mine.AdminUser, new GetEnrollmentQuery(mine.Patient.Id, created.EnrollmentId));

        var rows = await Host.SendAsync(mine.AdminUser, new ExportAuditTrailQuery(new AuditTrailFilter { PatientId = mine.Patient.Id }));

        Assert.Equal(["enrollment.create", "enrollment.read"], rows.Select(r => r.Action));
        var export = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "audit.export" && e.StaffMemberId == mine.Admin.Id));
        Assert.Equal($"2 entries exported. Filter: patient {mine.Patient.Id}.", export.Detail);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        var mine = await EnrollmentScenario.CreateAsync(Host);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SearchAsync(mine, new AuditTrailFilter { From = new DateOnly(2026, 3, 10), To = new DateOnly(2026, 3, 9) }));

        Assert.Equal(["Filter.To"], refused.Errors.Keys);
    }

    [Fact]
    public async Task Only_an_admin_reads_the_trail()
    {
        var mine = await EnrollmentScenario.CreateAsync(Host);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Host.SendAsync(TestData.UserFor(mine.Oncologist), new SearchAuditTrailQuery()));
    }

    private Task<Common.PagedResult<AuditEntryRow>> SearchAsync(EnrollmentScenario scenario, AuditTrailFilter filter) =>
        Host.SendAsync(scenario.AdminUser, new SearchAuditTrailQuery { Filter = filter, PageSize = 200 });
}

public sealed class AuditViewerSqliteTests(SqliteDatabaseFixture fixture) : AuditViewerTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class AuditViewerPostgresTests(PostgresDatabaseFixture fixture) : AuditViewerTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class AuditViewerSqlServerTests(SqlServerDatabaseFixture fixture) : AuditViewerTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
