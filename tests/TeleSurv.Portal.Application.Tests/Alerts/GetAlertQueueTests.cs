using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Alerts;

public abstract class GetAlertQueueTests(DatabaseFixture fixture) : IAsyncLifetime, IDisposable
{
    private readonly ApplicationHost _host = new(fixture.Database);
    private readonly Establishment _hospital = TestData.Establishment("CH Annecy Genevois");
    private readonly Establishment _clinic = TestData.Establishment("Clinique d'Argonay");
    private readonly Establishment _elsewhere = TestData.Establishment("CHU Grenoble Alpes");
    private StaffMember _nurse = null!;
    private StaffMember _otherNurse = null!;

    public async Task InitializeAsync()
    {
        _nurse = TestData.Staff(StaffRole.Ide, "Claire MARTIN", _hospital, _clinic);
        _otherNurse = TestData.Staff(StaffRole.Ipa, "Luc BERNARD", _hospital);
        await _host.InsertAsync(_hospital, _clinic, _elsewhere, _nurse, _otherNurse);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Sorts_by_priority_then_overdue_first_then_sla_due_time()
    {
        var now = _host.Now;
        var enrollment = await EnrollAsync("DUPONT", "Marie", _hospital);
        var low = TestData.Alert(enrollment, AlertPriority.Low, now.AddHours(1));
        var urgentLater = TestData.Alert(enrollment, AlertPriority.Urgent, now.AddHours(2));
        var highLater = TestData.Alert(enrollment, AlertPriority.High, now.AddHours(5));
        var highOverdue = TestData.Alert(enrollment, AlertPriority.High, now.AddHours(-1));
        var highMoreOverdue = TestData.Alert(enrollment, AlertPriority.High, now.AddHours(-3));
        var urgentOverdue = TestData.Alert(enrollment, AlertPriority.Urgent, now.AddMinutes(-30));
        // Resolved: after every alert still to handle, whatever its priority.
        var urgentResolved = TestData.Alert(enrollment, AlertPriority.Urgent, now.AddHours(-10), AlertStatus.Resolved);
        await _host.InsertAsync(low, urgentLater, highLater, highOverdue, highMoreOverdue, urgentOverdue, urgentResolved);

        var all = await SendAsync(new GetAlertQueueQuery { Statuses = Enum.GetValues<AlertStatus>() });
        var unresolved = await SendAsync(new GetAlertQueueQuery());

        Assert.Equal(
            [urgentOverdue.Id, urgentLater.Id, highMoreOverdue.Id, highOverdue.Id, highLater.Id, low.Id, urgentResolved.Id],
            all.Alerts.Items.Select(r => r.AlertId));
        Assert.False(all.Alerts.Items[^1].IsOverdue);
        Assert.Equal(7, all.Alerts.TotalCount);
        Assert.Equal(
            [urgentOverdue.Id, urgentLater.Id, highMoreOverdue.Id, highOverdue.Id, highLater.Id, low.Id],
            unresolved.Alerts.Items.Select(r => r.AlertId));
        Assert.Equal(6, unresolved.Alerts.TotalCount);
        Assert.Equal(new AlertQueueCounts(Urgent: 2, High: 3, Medium: 0, Low: 1, Overdue: 3), unresolved.Counts);
    }

    [Theory]
    [InlineData(AlertQueueSort.NewestFirst)]
    [InlineData(AlertQueueSort.OldestFirst)]
    [InlineData(AlertQueueSort.DueSoonestFirst)]
    [InlineData(AlertQueueSort.DueLatestFirst)]
    public async Task Sorts_by_the_column_asked_for_the_resolved_still_last(AlertQueueSort sort)
    {
        var now = _host.Now;
        var enrollment = await EnrollAsync("LEROY", "Anne", _hospital);
        // Raised in another order than due: the newest is neither the first nor the last due.
        var urgent = TestData.Alert(enrollment, AlertPriority.Urgent, now.AddHours(3), raisedAt: now.AddHours(-1));
        var low = TestData.Alert(enrollment, AlertPriority.Low, now.AddHours(-2), raisedAt: now.AddHours(-6));
        var high = TestData.Alert(enrollment, AlertPriority.High, now.AddHours(8), raisedAt: now.AddHours(-3));
        var oldResolved = TestData.Alert(enrollment, AlertPriority.Urgent, now.AddHours(-30), AlertStatus.Resolved);
        var recentResolved = TestData.Alert(enrollment, AlertPriority.Low, now.AddHours(-5), AlertStatus.Resolved);
        await _host.InsertAsync(urgent, low, high, oldResolved, recentResolved);

        var rows = (await SendAsync(new GetAlertQueueQuery { Statuses = Enum.GetValues<AlertStatus>(), Sort = sort })).Alerts.Items;

        Guid[] expected = sort switch
        {
            AlertQueueSort.NewestFirst => [urgent.Id, high.Id, low.Id, recentResolved.Id, oldResolved.Id],
            AlertQueueSort.OldestFirst => [low.Id, high.Id, urgent.Id, oldResolved.Id, recentResolved.Id],
            AlertQueueSort.DueSoonestFirst => [low.Id, urgent.Id, high.Id, oldResolved.Id, recentResolved.Id],
            _ => [high.Id, urgent.Id, low.Id, recentResolved.Id, oldResolved.Id],
        };
        Assert.Equal(expected, rows.Select(r => r.AlertId));
    }

    [Fact]
    public async Task Refuses_an_order_it_does_not_know()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => SendAsync(new GetAlertQueueQuery { Sort = (AlertQueueSort)42 }));

        Assert.Equal([nameof(GetAlertQueueQuery.Sort)], error.Errors.Keys);
    }

    [Fact]
    public async Task A_row_is_shown_for_its_highest_priority_finding_with_the_count_of_the_others()
    {
        var now = _host.Now;
        var enrollment = await EnrollAsync("AUBERT", "Lucie", _hospital);
        var feverFirst = TestData.Alert(
            enrollment, AlertPriority.Urgent, now.AddHours(2), worstItemKey: "mouth_throat_sores", worstGrade: 3,
            findings:
            [
                new AlertFinding { Rule = AlertRule.SevereSymptom, ItemKey = "mouth_throat_sores", Grade = 3, Priority = AlertPriority.High },
                new AlertFinding { Rule = AlertRule.WorseningSymptom, ItemKey = "nausea", Grade = 2, PreviousGrade = 1, Priority = AlertPriority.Medium },
                new AlertFinding { Rule = AlertRule.PatientUrgency, Priority = AlertPriority.High },
                new AlertFinding { Rule = AlertRule.SuspectedFebrileNeutropenia, Value = 38.6m, Priority = AlertPriority.Urgent },
            ]);
        var alone = TestData.Alert(enrollment, AlertPriority.High, now.AddHours(5), worstItemKey: "diarrhea", worstGrade: 3);
        await _host.InsertAsync(feverFirst, alone);

        var rows = (await SendAsync(new GetAlertQueueQuery())).Alerts.Items.ToDictionary(r => r.AlertId);

        Assert.Equal(new AlertReason(AlertRule.SuspectedFebrileNeutropenia, null, null, null, 38.6m, 3), rows[feverFirst.Id].Reason);
        Assert.Equal(new AlertReason(AlertRule.SevereSymptom, "diarrhea", 3, null, null, 0), rows[alone.Id].Reason);
    }

    [Fact]
    public async Task Each_row_carries_what_the_queue_shows()
    {
        var now = _host.Now;
        var patient = TestData.Patient("DUPONT", "Marie Claire", new DateOnly(1960, 3, 11), _hospital, usedFamilyName: "Martin-Dupont");
        var enrollment = TestData.Enrollment(patient, _hospital);
        var alert = TestData.Alert(enrollment, AlertPriority.High, now.AddHours(-2), AlertStatus.InProgress, "diarrhea", 3, _otherNurse.Id);
        alert.Worsened = true;
        await _host.InsertAsync(patient, enrollment, alert);

        var row = Assert.Single((await SendAsync(new GetAlertQueueQuery())).Alerts.Items);

        Assert.Equal(alert.Id, row.AlertId);
        Assert.Equal(AlertPriority.High, row.Priority);
        Assert.Equal(AlertStatus.InProgress, row.Status);
        Assert.Equal(patient.Id, row.PatientId);
        Assert.Equal("MARTIN-DUPONT Marie", row.PatientName);
        Assert.Equal(65, row.PatientAge);
        Assert.Equal(patient.Ipp, row.Ipp);
        Assert.Equal("diarrhea", row.WorstItemKey);
        Assert.Equal(3, row.WorstGrade);
        Assert.True(row.Worsened);
        Assert.Equal(alert.RaisedAt, row.RaisedAt);
        Assert.Equal(alert.SlaDueAt, row.SlaDueAt);
        Assert.True(row.IsOverdue);
        Assert.Equal(_otherNurse.Id, row.ClaimedById);
        Assert.Equal("Luc BERNARD", row.ClaimedByName);
        Assert.Equal(_hospital.Id, row.EstablishmentId);
        Assert.Equal(alert.Version, row.Version);
    }

    [Fact]
    public async Task Filters_by_priority_status_item_claimant_and_overdue()
    {
        var now = _host.Now;
        var enrollment = await EnrollAsync("LEROY", "Anne", _hospital);
        var urgentFever = TestData.Alert(enrollment, AlertPriority.Urgent, now.AddHours(-1), worstItemKey: null, worstGrade: null,
            findings: [new AlertFinding { Rule = AlertRule.Fever, Value = 38.6m, Priority = AlertPriority.Urgent },
                new AlertFinding { Rule = AlertRule.WorseningSymptom, ItemKey = "fatigue", Grade = 2, PreviousGrade = 1, Priority = AlertPriority.Medium }]);
        var mineInProgress = TestData.Alert(enrollment, AlertPriority.Medium, now.AddHours(4), AlertStatus.InProgress, "nausea", 2, _nurse.Id);
        var escalated = TestData.Alert(enrollment, AlertPriority.High, now.AddHours(6), AlertStatus.Escalated, "mucositis", 3, _otherNurse.Id);
        await _host.InsertAsync(urgentFever, mineInProgress, escalated);

        Assert.Equal([urgentFever.Id], await IdsAsync(new GetAlertQueueQuery { Priorities = [AlertPriority.Urgent] }));
        Assert.Equal([escalated.Id, mineInProgress.Id], await IdsAsync(new GetAlertQueueQuery { Statuses = [AlertStatus.InProgress, AlertStatus.Escalated] }));
        Assert.Equal([urgentFever.Id], await IdsAsync(new GetAlertQueueQuery { ItemKey = "fatigue" }));
        Assert.Equal([escalated.Id], await IdsAsync(new GetAlertQueueQuery { ItemKey = "mucositis" }));
        Assert.Equal([mineInProgress.Id], await IdsAsync(new GetAlertQueueQuery { MineOnly = true }));
        Assert.Equal([urgentFever.Id], await IdsAsync(new GetAlertQueueQuery { OverdueOnly = true }));

        // A filtered page counts what the filter keeps; the header still counts the whole queue.
        var urgentOnly = await SendAsync(new GetAlertQueueQuery { Priorities = [AlertPriority.Urgent] });
        Assert.Equal(1, urgentOnly.Alerts.TotalCount);
        Assert.Equal(3, urgentOnly.Counts.Total);
        Assert.Equal(3, (await SendAsync(new GetAlertQueueQuery())).Alerts.TotalCount);
    }

    [Fact]
    public async Task Shows_only_the_users_establishments_and_narrows_to_one_on_request()
    {
        var now = _host.Now;
        var atHospital = TestData.Alert(await EnrollAsync("MOREAU", "Paul", _hospital), AlertPriority.High, now.AddHours(1));
        var atClinic = TestData.Alert(await EnrollAsync("GARNIER", "Julie", _clinic), AlertPriority.High, now.AddHours(2));
        var elsewhere = TestData.Alert(await EnrollAsync("FAURE", "Louis", _elsewhere), AlertPriority.Urgent, now.AddHours(-5));
        await _host.InsertAsync(atHospital, atClinic, elsewhere);

        var both = await SendAsync(new GetAlertQueueQuery());
        var clinicOnly = await SendAsync(new GetAlertQueueQuery { EstablishmentId = _clinic.Id });

        Assert.Equal([atHospital.Id, atClinic.Id], both.Alerts.Items.Select(r => r.AlertId));
        Assert.Equal(new AlertQueueCounts(0, 2, 0, 0, 0), both.Counts);
        Assert.Equal([atClinic.Id], clinicOnly.Alerts.Items.Select(r => r.AlertId));
        Assert.Equal(new AlertQueueCounts(0, 1, 0, 0, 0), clinicOnly.Counts);
    }

    [Fact]
    public async Task Pages_with_the_total_count()
    {
        var now = _host.Now;
        var enrollment = await EnrollAsync("ROUX", "Emma", _hospital);
        var alerts = Enumerable.Range(1, 5).Select(i => TestData.Alert(enrollment, AlertPriority.Medium, now.AddHours(i))).ToArray();
        await _host.InsertAsync(alerts);

        var page = await SendAsync(new GetAlertQueueQuery { Page = 2, PageSize = 2 });

        Assert.Equal([alerts[2].Id, alerts[3].Id], page.Alerts.Items.Select(r => r.AlertId));
        Assert.Equal(5, page.Alerts.TotalCount);
        Assert.Equal(3, page.Alerts.PageCount);
    }

    [Fact]
    public async Task Lists_resolved_alerts_last_resolved_first_and_pages_across_both_parts()
    {
        var now = _host.Now;
        var enrollment = await EnrollAsync("PETIT", "Lea", _hospital);
        var open = TestData.Alert(enrollment, AlertPriority.Low, now.AddHours(3));
        var inProgress = TestData.Alert(enrollment, AlertPriority.Urgent, now.AddHours(1), AlertStatus.InProgress);
        var resolvedLongAgo = Resolved(TestData.Alert(enrollment, AlertPriority.Urgent, now.AddDays(-9), AlertStatus.Resolved), now.AddDays(-8));
        var resolvedYesterday = Resolved(TestData.Alert(enrollment, AlertPriority.Low, now.AddDays(-3), AlertStatus.Resolved), now.AddDays(-1));
        var resolvedLastWeek = Resolved(TestData.Alert(enrollment, AlertPriority.High, now.AddDays(-2), AlertStatus.Resolved), now.AddDays(-6));
        await _host.InsertAsync(open, inProgress, resolvedLongAgo, resolvedYesterday, resolvedLastWeek);

        Assert.Equal(
            [resolvedYesterday.Id, resolvedLastWeek.Id, resolvedLongAgo.Id],
            await IdsAsync(new GetAlertQueueQuery { Statuses = [AlertStatus.Resolved] }));

        var everything = new GetAlertQueueQuery { Statuses = [AlertStatus.Resolved, AlertStatus.Open, AlertStatus.InProgress], PageSize = 2 };
        Assert.Equal([inProgress.Id, open.Id], await IdsAsync(everything));
        Assert.Equal([resolvedYesterday.Id, resolvedLastWeek.Id], await IdsAsync(everything with { Page = 2 }));
        var last = await SendAsync(everything with { Page = 3 });
        Assert.Equal([resolvedLongAgo.Id], last.Alerts.Items.Select(r => r.AlertId));
        Assert.Equal(5, last.Alerts.TotalCount);
        Assert.Empty((await SendAsync(everything with { Page = 4 })).Alerts.Items);

        var straddling = everything with { PageSize = 3 };
        Assert.Equal([inProgress.Id, open.Id, resolvedYesterday.Id], await IdsAsync(straddling));
        Assert.Equal([resolvedLastWeek.Id, resolvedLongAgo.Id], await IdsAsync(straddling with { Page = 2 }));

        // A resolved alert is never overdue: asking for overdue alerts leaves the history out.
        Assert.Empty(await IdsAsync(new GetAlertQueueQuery { Statuses = [AlertStatus.Resolved], OverdueOnly = true }));
    }

    [Fact]
    public async Task Counts_the_resolved_history_only_a_few_pages_beyond_the_page_asked_for()
    {
        var now = _host.Now;
        var enrollment = await EnrollAsync("MERCIER", "Rose", _hospital);
        var history = GetAlertQueueQueryHandler.ResolvedCountLimit + 2;
        var resolved = Enumerable.Range(0, history)
            .Select(i => Resolved(TestData.Alert(enrollment, AlertPriority.Low, now.AddDays(-30), AlertStatus.Resolved), now.AddMinutes(-i)))
            .ToArray();
        await _host.InsertAsync([TestData.Alert(enrollment, AlertPriority.High, now.AddHours(2)), .. resolved]);
        var query = new GetAlertQueueQuery { Statuses = [AlertStatus.Open, AlertStatus.Resolved], PageSize = 1 };

        var first = await SendAsync(query);
        var nearTheEnd = await SendAsync(query with { Page = history - 5 });

        // Counted up to the limit, and one more to know that the list goes on.
        Assert.True(first.Alerts.TotalIsLowerBound);
        Assert.Equal(1 + GetAlertQueueQueryHandler.ResolvedCountLimit + 1, first.Alerts.TotalCount);
        // Far enough in, the rest is counted whole.
        Assert.False(nearTheEnd.Alerts.TotalIsLowerBound);
        Assert.Equal(1 + history, nearTheEnd.Alerts.TotalCount);
        Assert.Equal([resolved[history - 7].Id], nearTheEnd.Alerts.Items.Select(r => r.AlertId));
        var entry = (await _host.AuditEntriesAsync(e => e.StaffMemberId == _nurse.Id)).OrderBy(e => e.Sequence).First();
        Assert.Contains($"More than {GetAlertQueueQueryHandler.ResolvedCountLimit + 1} alert(s)", entry.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 50, "Page")]
    [InlineData(1, 0, "PageSize")]
    [InlineData(1, 201, "PageSize")]
    public async Task Refuses_pages_out_of_bounds(int page, int pageSize, string field)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => SendAsync(new GetAlertQueueQuery { Page = page, PageSize = pageSize }));

        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public async Task Refuses_an_admin()
    {
        var admin = TestData.Staff(StaffRole.Admin, "Sophie ADMIN", _hospital);
        await _host.InsertAsync(admin);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _host.SendAsync(TestData.UserFor(admin), new GetAlertQueueQuery()));
    }

    [Fact]
    public async Task Refuses_a_filter_on_another_establishment_and_audits_the_attempt()
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => SendAsync(new GetAlertQueueQuery { EstablishmentId = _elsewhere.Id }));

        var entry = Assert.Single(await _host.AuditEntriesAsync(e => e.StaffMemberId == _nurse.Id));
        Assert.Equal("alert.queue.read", entry.Action);
        Assert.Equal(AuditOutcome.Denied, entry.Outcome);
        Assert.Equal(_elsewhere.Id, entry.EstablishmentId);
    }

    [Fact]
    public async Task Reading_the_queue_is_audited()
    {
        var enrollment = await EnrollAsync("BLANC", "Hugo", _hospital);
        await _host.InsertAsync(TestData.Alert(enrollment, AlertPriority.Low, _host.Now.AddDays(1)));

        await SendAsync(new GetAlertQueueQuery { EstablishmentId = _hospital.Id });

        var entry = Assert.Single(await _host.AuditEntriesAsync(e => e.StaffMemberId == _nurse.Id));
        Assert.Equal("alert.queue.read", entry.Action);
        Assert.Equal(AuditOutcome.Success, entry.Outcome);
        Assert.Equal("Claire MARTIN", entry.Actor);
        Assert.Equal("Ide", entry.Role);
        Assert.Equal(_hospital.Id, entry.EstablishmentId);
        Assert.Contains("1 alert(s)", entry.Detail, StringComparison.Ordinal);
    }

    private static Alert Resolved(Alert alert, DateTime resolvedAt)
    {
        alert.ResolvedAt = resolvedAt;
        return alert;
    }

    private Task<AlertQueuePage> SendAsync(GetAlertQueueQuery query) => _host.SendAsync(TestData.UserFor(_nurse), query);

    private async Task<Guid[]> IdsAsync(GetAlertQueueQuery query) => [.. (await SendAsync(query)).Alerts.Items.Select(r => r.AlertId)];

    private async Task<Domain.Enrollments.Enrollment> EnrollAsync(string familyName, string firstName, Establishment establishment)
    {
        var patient = TestData.Patient(familyName, firstName, new DateOnly(1958, 6, 1), establishment);
        var enrollment = TestData.Enrollment(patient, establishment);
        await _host.InsertAsync(patient, enrollment);
        return enrollment;
    }
}

public sealed class GetAlertQueueSqliteTests(SqliteDatabaseFixture fixture) : GetAlertQueueTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class GetAlertQueuePostgresTests(PostgresDatabaseFixture fixture) : GetAlertQueueTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class GetAlertQueueSqlServerTests(SqlServerDatabaseFixture fixture) : GetAlertQueueTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
