using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Escalations;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Escalations;

public abstract class GetEscalationInboxTests(DatabaseFixture fixture) : DatabaseTest(fixture), IAsyncLifetime
{
    private readonly Establishment _hospital = TestData.Establishment("CH Métropole Savoie");
    private readonly Establishment _elsewhere = TestData.Establishment("CH Alpes Léman");
    private StaffMember _oncologist = null!;
    private StaffMember _ipa = null!;

    public async Task InitializeAsync()
    {
        _oncologist = TestData.Staff(StaffRole.Oncologist, "Dr Hélène PETIT", _hospital);
        _ipa = TestData.Staff(StaffRole.Ipa, "Marc ROUSSEL", _hospital);
        await Host.InsertAsync(_hospital, _elsewhere, _oncologist, _ipa);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lists_escalated_alerts_of_the_users_establishments_urgent_first_then_longest_waiting()
    {
        var now = Host.Now;
        var enrollment = await EnrollAsync("VIDAL", "Rose", _hospital);
        var highOld = TestData.Alert(enrollment, AlertPriority.High, now.AddHours(10), AlertStatus.Escalated);
        var urgentRecent = TestData.Alert(enrollment, AlertPriority.Urgent, now.AddHours(3), AlertStatus.Escalated);
        var urgentOld = TestData.Alert(enrollment, AlertPriority.Urgent, now.AddHours(5), AlertStatus.Escalated);
        var notEscalated = TestData.Alert(enrollment, AlertPriority.Urgent, now.AddHours(1), AlertStatus.InProgress);
        var elsewhere = TestData.Alert(await EnrollAsync("COLIN", "Jean", _elsewhere), AlertPriority.Urgent, now, AlertStatus.Escalated);
        await Host.InsertAsync(highOld, urgentRecent, urgentOld, notEscalated, elsewhere);
        await Host.InsertAsync(
            Escalation(highOld, now.AddHours(-30), "Grade 3 persistant."),
            Escalation(urgentRecent, now.AddHours(-1), "Fièvre sous chimiothérapie."),
            // Escalated twice: it waits since the latest escalation, not the first.
            Escalation(urgentOld, now.AddHours(-20), "Première demande."),
            Escalation(urgentOld, now.AddHours(-4), "Toujours pas d'amélioration."));

        var inbox = await Host.SendAsync(TestData.UserFor(_oncologist), new GetEscalationInboxQuery());

        Assert.Equal([urgentOld.Id, urgentRecent.Id, highOld.Id], inbox.Items.Select(r => r.AlertId));
        Assert.Equal(3, inbox.TotalCount);
        var first = inbox.Items[0];
        Assert.Equal(now.AddHours(-4), first.EscalatedAt);
        Assert.Equal("Toujours pas d'amélioration.", first.EscalationNote);
        Assert.Equal("Marc ROUSSEL", first.EscalatedByName);
        Assert.Equal("VIDAL Rose", first.PatientName);
    }

    [Fact]
    public async Task Escalations_marked_urgent_come_first_then_by_priority_then_the_longest_waiting()
    {
        var now = Host.Now;
        var enrollment = await EnrollAsync("BLANC", "Lucie", _hospital);
        var highRoutineOlder = TestData.Alert(enrollment, AlertPriority.High, now.AddHours(10));
        var mediumUrgent = TestData.Alert(enrollment, AlertPriority.Medium, now.AddHours(20));
        var lowUrgent = TestData.Alert(enrollment, AlertPriority.Low, now.AddHours(30));
        var highRoutine = TestData.Alert(enrollment, AlertPriority.High, now.AddHours(5));
        await Host.InsertAsync(highRoutineOlder, mediumUrgent, lowUrgent, highRoutine);

        var versions = new Dictionary<Guid, Guid>();
        foreach (var (alert, urgency) in new[]
        {
            (highRoutineOlder, EscalationUrgency.Routine), (lowUrgent, EscalationUrgency.Urgent),
            (mediumUrgent, EscalationUrgency.Urgent), (highRoutine, EscalationUrgency.Routine),
        })
        {
            var result = await Host.SendAsync(TestData.UserFor(_ipa), new EscalateToOncologistCommand(alert.Id, alert.Version, "Avis ?", urgency));
            versions[alert.Id] = result.Version;
            Host.Clock.Advance(TimeSpan.FromMinutes(30));
        }

        var inbox = await Host.SendAsync(TestData.UserFor(_oncologist), new GetEscalationInboxQuery());

        Assert.Equal([mediumUrgent.Id, lowUrgent.Id, highRoutineOlder.Id, highRoutine.Id], inbox.Items.Select(r => r.AlertId));
        Assert.Equal(
            [EscalationUrgency.Urgent, EscalationUrgency.Urgent, EscalationUrgency.Routine, EscalationUrgency.Routine],
            inbox.Items.Select(r => r.Urgency));
        Assert.All(inbox.Items, r => Assert.Equal(versions[r.AlertId], r.Version));
        Assert.All(inbox.Items, r => Assert.Equal(("Avis ?", "Marc ROUSSEL"), (r.EscalationNote, r.EscalatedByName)));
    }

    [Fact]
    public async Task Can_show_only_the_escalations_addressed_to_the_user_or_to_no_one_in_particular()
    {
        var colleague = TestData.Staff(StaffRole.Oncologist, "Dr Yves NOËL", _hospital);
        await Host.InsertAsync(colleague);
        var enrollment = await EnrollAsync("NOIR", "Théo", _hospital);
        var toMe = TestData.Alert(enrollment, AlertPriority.High, Host.Now.AddHours(4));
        var toColleague = TestData.Alert(enrollment, AlertPriority.Urgent, Host.Now.AddHours(1));
        var toAnyone = TestData.Alert(enrollment, AlertPriority.Medium, Host.Now.AddHours(8));
        await Host.InsertAsync(toMe, toColleague, toAnyone);
        var ipa = TestData.UserFor(_ipa);
        await Host.SendAsync(ipa, new EscalateToOncologistCommand(toMe.Id, toMe.Version, "Pour vous.", EscalationUrgency.Routine, _oncologist.Id));
        await Host.SendAsync(ipa, new EscalateToOncologistCommand(toColleague.Id, toColleague.Version, "Pour lui.", EscalationUrgency.Routine, colleague.Id));
        await Host.SendAsync(ipa, new EscalateToOncologistCommand(toAnyone.Id, toAnyone.Version, "Pour l'équipe.", EscalationUrgency.Routine));

        var mine = await Host.SendAsync(TestData.UserFor(_oncologist), new GetEscalationInboxQuery { AddressedToMe = true });
        var all = await Host.SendAsync(TestData.UserFor(_oncologist), new GetEscalationInboxQuery());

        Assert.Equal([toMe.Id, toAnyone.Id], mine.Items.Select(r => r.AlertId));
        Assert.Equal(2, mine.TotalCount);
        Assert.Equal((_oncologist.Id, "Dr Hélène PETIT"), (mine.Items[0].AddressedToId, mine.Items[0].AddressedToName));
        Assert.Null(mine.Items[1].AddressedToId);
        Assert.Equal([toColleague.Id, toMe.Id, toAnyone.Id], all.Items.Select(r => r.AlertId));
    }

    [Fact]
    public async Task An_ipa_may_read_the_inbox()
    {
        var page = await Host.SendAsync(TestData.UserFor(_ipa), new GetEscalationInboxQuery { EstablishmentId = _hospital.Id });

        Assert.Equal(1, page.Page);
    }

    [Theory]
    [InlineData(StaffRole.Ide)]
    [InlineData(StaffRole.Admin)]
    public async Task Refuses_other_roles(StaffRole role)
    {
        var member = TestData.Staff(role, "Autre PROFIL", _hospital);
        await Host.InsertAsync(member);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Host.SendAsync(TestData.UserFor(member), new GetEscalationInboxQuery()));
    }

    [Fact]
    public async Task Refuses_another_establishment()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Host.SendAsync(TestData.UserFor(_oncologist), new GetEscalationInboxQuery { EstablishmentId = _elsewhere.Id }));
    }

    [Fact]
    public async Task Refuses_an_oversized_page()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Host.SendAsync(TestData.UserFor(_oncologist), new GetEscalationInboxQuery { PageSize = 1000 }));

        Assert.Equal(["PageSize"], error.Errors.Keys);
    }

    private TriageAction Escalation(Alert alert, DateTime at, string note) => new()
    {
        AlertId = alert.Id,
        PatientId = alert.PatientId,
        Kind = TriageActionKind.Escalation,
        At = at,
        StaffMemberId = _ipa.Id,
        StaffName = _ipa.DisplayName,
        StaffRole = _ipa.Role,
        Note = note,
    };

    private async Task<Enrollment> EnrollAsync(string familyName, string firstName, Establishment establishment)
    {
        var patient = TestData.Patient(familyName, firstName, new DateOnly(1970, 2, 2), establishment);
        var enrollment = TestData.Enrollment(patient, establishment);
        await Host.InsertAsync(patient, enrollment);
        return enrollment;
    }
}

public sealed class GetEscalationInboxSqliteTests(SqliteDatabaseFixture fixture) : GetEscalationInboxTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class GetEscalationInboxPostgresTests(PostgresDatabaseFixture fixture) : GetEscalationInboxTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class GetEscalationInboxSqlServerTests(SqlServerDatabaseFixture fixture) : GetEscalationInboxTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
