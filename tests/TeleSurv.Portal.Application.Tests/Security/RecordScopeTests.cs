using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Security;

/// <summary>Patient and alert scoping against a real database, through requests that exist only for this test.</summary>
public abstract class RecordScopeTests : IAsyncLifetime, IDisposable
{
    private readonly ApplicationHost _host;
    private readonly Establishment _mine = TestData.Establishment("CH Annecy Genevois");
    private readonly Establishment _elsewhere = TestData.Establishment("CHU Grenoble Alpes");
    private StaffMember _nurse = null!;

    protected RecordScopeTests(DatabaseFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _host = new ApplicationHost(fixture.Database);
    }

    public async Task InitializeAsync()
    {
        _nurse = TestData.Staff(StaffRole.Ide, "Claire MARTIN", _mine);
        await _host.InsertAsync(_mine, _elsewhere, _nurse);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_patient_enrolled_in_one_of_the_users_establishments_is_readable_and_the_read_audited()
    {
        var (patient, _) = await EnrolledAsync(_mine, EnrollmentStatus.Ended);

        Assert.Equal(patient, await _host.SendAsync(Nurse, new PatientProbe(patient)));

        var entry = Assert.Single(await _host.AuditEntriesAsync(e => e.PatientId == patient));
        Assert.Equal(("test.patient.read", AuditOutcome.Success, "Patient", patient.ToString()), (entry.Action, entry.Outcome, entry.TargetType, entry.TargetId));
        Assert.Equal(_nurse.Id, entry.StaffMemberId);
    }

    [Fact]
    public async Task A_patient_of_another_establishment_is_not_found_exactly_like_a_missing_one_and_the_attempt_audited_as_denied()
    {
        var (elsewhere, _) = await EnrolledAsync(_elsewhere);
        var missing = Guid.CreateVersion7();

        var outside = await Assert.ThrowsAnyAsync<NotFoundException>(() => _host.SendAsync(Nurse, new PatientProbe(elsewhere)));
        var absent = await Assert.ThrowsAnyAsync<NotFoundException>(() => _host.SendAsync(Nurse, new PatientProbe(missing)));

        Assert.Equal(absent.GetType(), outside.GetType());
        Assert.Equal(absent.Message.Replace(missing.ToString(), "{id}", StringComparison.Ordinal), outside.Message.Replace(elsewhere.ToString(), "{id}", StringComparison.Ordinal));
        var entry = Assert.Single(await _host.AuditEntriesAsync(e => e.PatientId == elsewhere));
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Equal(_nurse.Id, entry.StaffMemberId);
    }

    [Fact]
    public async Task An_admin_reads_a_patient_awaiting_enrolment_from_one_of_their_establishments_a_nurse_does_not()
    {
        var admin = TestData.Staff(StaffRole.Admin, "Sophie GIRAUD", _mine);
        var awaiting = TestData.Patient("PERRIN", "Léa", new DateOnly(1975, 1, 1), _mine);
        var awaitingElsewhere = TestData.Patient("PERRET", "Léo", new DateOnly(1975, 1, 1), _elsewhere);
        await _host.InsertAsync(admin, awaiting, awaitingElsewhere);

        Assert.Equal(awaiting.Id, await _host.SendAsync(TestData.UserFor(admin), new PatientProbe(awaiting.Id)));
        await Assert.ThrowsAnyAsync<NotFoundException>(() => _host.SendAsync(TestData.UserFor(admin), new PatientProbe(awaitingElsewhere.Id)));
        await Assert.ThrowsAnyAsync<NotFoundException>(() => _host.SendAsync(Nurse, new PatientProbe(awaiting.Id)));
    }

    [Fact]
    public async Task An_alert_of_the_users_establishment_is_readable_and_its_audit_names_the_patient()
    {
        var (patient, enrollment) = await EnrolledAsync(_mine);
        var alert = TestData.Alert(enrollment, AlertPriority.High, _host.Now.AddHours(4));
        await _host.InsertAsync(alert);

        Assert.Equal(alert.Id, await _host.SendAsync(Nurse, new AlertProbe(alert.Id)));

        var entry = Assert.Single(await _host.AuditEntriesAsync(e => e.TargetId == alert.Id.ToString()));
        Assert.Equal(("test.alert.read", AuditOutcome.Success, "Alert"), (entry.Action, entry.Outcome, entry.TargetType));
        Assert.Equal(patient, entry.PatientId);
        Assert.Equal(_mine.Id, entry.EstablishmentId);
    }

    [Fact]
    public async Task An_alert_of_another_establishment_is_not_found_and_the_attempt_audited_as_denied()
    {
        var (_, enrollment) = await EnrolledAsync(_elsewhere);
        var alert = TestData.Alert(enrollment, AlertPriority.Urgent, _host.Now.AddHours(1));
        await _host.InsertAsync(alert);

        var error = await Assert.ThrowsAnyAsync<NotFoundException>(() => _host.SendAsync(Nurse, new AlertProbe(alert.Id)));

        Assert.Equal("Alert", error.TargetType);
        var entry = Assert.Single(await _host.AuditEntriesAsync(e => e.TargetId == alert.Id.ToString()));
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Null(entry.PatientId);
    }

    [Fact]
    public async Task A_role_outside_the_rule_is_refused_before_any_lookup()
    {
        var admin = TestData.Staff(StaffRole.Admin, "Sophie GIRAUD", _mine);
        await _host.InsertAsync(admin);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(TestData.UserFor(admin), new AlertProbe(Guid.CreateVersion7())));
    }

    private TestCurrentUser Nurse => TestData.UserFor(_nurse);

    private async Task<(Guid PatientId, Enrollment Enrollment)> EnrolledAsync(Establishment establishment, EnrollmentStatus status = EnrollmentStatus.Active)
    {
        var patient = TestData.Patient("SCOPE", "Test", new DateOnly(1950, 1, 1), establishment);
        var enrollment = TestData.Enrollment(patient, establishment, status);
        await _host.InsertAsync(patient, enrollment);
        return (patient.Id, enrollment);
    }

    [RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist, StaffRole.Admin)]
    [Audited("test.patient.read")]
    public sealed record PatientProbe(Guid PatientId) : IRequest<Guid>, IPatientScopedRequest;

    [RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
    [Audited("test.alert.read")]
    public sealed record AlertProbe(Guid AlertId) : IRequest<Guid>, IAlertScopedRequest;

    public sealed class ProbeHandler : IRequestHandler<PatientProbe, Guid>, IRequestHandler<AlertProbe, Guid>
    {
        public ValueTask<Guid> Handle(PatientProbe request, CancellationToken cancellationToken) => ValueTask.FromResult(request.PatientId);

        public ValueTask<Guid> Handle(AlertProbe request, CancellationToken cancellationToken) => ValueTask.FromResult(request.AlertId);
    }
}

public sealed class RecordScopeSqliteTests(SqliteDatabaseFixture fixture) : RecordScopeTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class RecordScopePostgresTests(PostgresDatabaseFixture fixture) : RecordScopeTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class RecordScopeSqlServerTests(SqlServerDatabaseFixture fixture) : RecordScopeTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
