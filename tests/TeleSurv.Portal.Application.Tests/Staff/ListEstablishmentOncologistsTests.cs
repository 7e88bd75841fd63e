using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Application.Staff;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Staff;

public abstract class ListEstablishmentOncologistsTests(DatabaseFixture fixture) : DatabaseTest(fixture), IAsyncLifetime
{
    private readonly Establishment _hospital = TestData.Establishment("CH Métropole Savoie");
    private readonly Establishment _elsewhere = TestData.Establishment("CH Alpes Léman");
    private StaffMember _zoe = null!;
    private StaffMember _emile = null!;
    private StaffMember _agnes = null!;
    private StaffMember _nurse = null!;

    public async Task InitializeAsync()
    {
        _zoe = TestData.Staff(StaffRole.Oncologist, "Dr Zoé MARTIN", _hospital);
        _emile = TestData.Staff(StaffRole.Oncologist, "Dr Émile DURAND", _hospital, _elsewhere);
        _agnes = TestData.Staff(StaffRole.Oncologist, "Dr Agnès BLANC", _hospital);
        var retired = TestData.Staff(StaffRole.Oncologist, "Dr Ancien COMPTE", _hospital);
        retired.IsActive = false;
        var onlyElsewhere = TestData.Staff(StaffRole.Oncologist, "Dr Bruno COLIN", _elsewhere);
        _nurse = TestData.Staff(StaffRole.Ide, "Claire MARTIN", _hospital);
        var ipa = TestData.Staff(StaffRole.Ipa, "Marc ROUSSEL", _hospital);
        await Host.InsertAsync(_hospital, _elsewhere, _zoe, _emile, _agnes, retired, onlyElsewhere, _nurse, ipa);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lists_the_active_oncologists_of_the_establishment_by_name_and_no_one_else()
    {
        var oncologists = await Host.SendAsync(TestData.UserFor(_nurse), new ListEstablishmentOncologistsQuery(_hospital.Id));

        Assert.Equal(
            [new StaffChoice(_agnes.Id, "Dr Agnès BLANC"), new StaffChoice(_emile.Id, "Dr Émile DURAND"), new StaffChoice(_zoe.Id, "Dr Zoé MARTIN")],
            oncologists);
    }

    [Theory]
    [InlineData(StaffRole.Ide)]
    [InlineData(StaffRole.Ipa)]
    [InlineData(StaffRole.Oncologist)]
    public async Task Nurses_and_oncologists_of_the_establishment_may_list_them(StaffRole role)
    {
        var member = TestData.Staff(role, "Membre de l'équipe", _hospital);
        await Host.InsertAsync(member);

        var oncologists = await Host.SendAsync(TestData.UserFor(member), new ListEstablishmentOncologistsQuery(_hospital.Id));

        Assert.Contains(oncologists, o => o.StaffMemberId == _zoe.Id);
    }

    [Fact]
    public async Task An_admin_is_refused_and_so_is_another_establishment()
    {
        var admin = TestData.Staff(StaffRole.Admin, "Sophie GIRAUD", _hospital);
        await Host.InsertAsync(admin);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Host.SendAsync(TestData.UserFor(admin), new ListEstablishmentOncologistsQuery(_hospital.Id)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Host.SendAsync(TestData.UserFor(_nurse), new ListEstablishmentOncologistsQuery(_elsewhere.Id)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Host.SendAsync(TestCurrentUser.Anonymous(), new ListEstablishmentOncologistsQuery(_hospital.Id)));
    }

    [Fact]
    public async Task An_establishment_without_an_active_oncologist_lists_none()
    {
        var clinic = TestData.Establishment("Clinique sans oncologue");
        var retired = TestData.Staff(StaffRole.Oncologist, "Dr Parti RETRAITE", clinic);
        retired.IsActive = false;
        var nurse = TestData.Staff(StaffRole.Ide, "Anne BLANC", clinic);
        await Host.InsertAsync(clinic, retired, nurse);

        Assert.Empty(await Host.SendAsync(TestData.UserFor(nurse), new ListEstablishmentOncologistsQuery(clinic.Id)));
    }

    [Fact]
    public async Task Each_oncologist_listed_is_one_an_escalation_may_be_addressed_to()
    {
        var patient = TestData.Patient("VIDAL", "Rose", new DateOnly(1960, 4, 2), _hospital);
        var enrollment = TestData.Enrollment(patient, _hospital);
        var alert = TestData.Alert(enrollment, AlertPriority.High, Host.Now.AddHours(6), AlertStatus.InProgress);
        await Host.InsertAsync(patient, enrollment, alert);
        var nurse = TestData.UserFor(_nurse);
        var chosen = (await Host.SendAsync(nurse, new ListEstablishmentOncologistsQuery(_hospital.Id)))[1];

        await Host.SendAsync(nurse, new EscalateToOncologistCommand(alert.Id, alert.Version, "Adapter la dose ?", EscalationUrgency.Urgent, chosen.StaffMemberId));

        await using var db = Host.Database.CreateContext();
        var escalation = await db.TriageActions.AsNoTracking().SingleAsync(t => t.AlertId == alert.Id && t.Kind == TriageActionKind.Escalation);
        var details = TriageActionDetails.Read<EscalationDetails>(escalation);
        Assert.Equal((chosen.StaffMemberId, chosen.DisplayName), (details!.OncologistId, details.OncologistName));
    }
}

public sealed class ListEstablishmentOncologistsSqliteTests(SqliteDatabaseFixture fixture)
    : ListEstablishmentOncologistsTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class ListEstablishmentOncologistsPostgresTests(PostgresDatabaseFixture fixture)
    : ListEstablishmentOncologistsTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class ListEstablishmentOncologistsSqlServerTests(SqlServerDatabaseFixture fixture)
    : ListEstablishmentOncologistsTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
