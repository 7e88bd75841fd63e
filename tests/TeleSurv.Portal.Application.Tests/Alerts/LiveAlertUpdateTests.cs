using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Application.Tests.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Alerts;

/// <summary>What an open queue sees: the commands, through the real dispatcher and the in-process notifier the host registers.</summary>
public abstract class LiveAlertUpdateTests(DatabaseFixture fixture) : DatabaseTest(fixture), IAsyncLifetime
{
    private readonly Establishment _hospital = TestData.Establishment("Hôpital de Bellevue");
    private readonly Establishment _riverside = TestData.Establishment("Centre hospitalier de la Rivière");
    private StaffMember _nurse = null!;

    public async Task InitializeAsync()
    {
        _nurse = TestData.Staff(StaffRole.Ide, "Claire MARTIN", _hospital);
        await Host.InsertAsync(_hospital, _riverside, _nurse);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // How long a change may take before the test calls it lost; how fast it arrives is a figure for docs/benchmarks.md.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_committed_change_reaches_the_queues_of_its_establishment_and_a_refused_one_reaches_none()
    {
        var patient = TestData.Patient("DUPONT", "Marie", new DateOnly(1960, 3, 11), _hospital);
        var enrollment = TestData.Enrollment(patient, _hospital);
        var alert = TestData.Alert(enrollment, AlertPriority.Urgent, Host.Now.AddHours(2));
        await Host.InsertAsync(patient, enrollment, alert);
        var feed = Host.Services.GetRequiredService<IAlertChangeFeed>();
        var hospitalQueue = Channel.CreateUnbounded<AlertChanged>();
        var riversideQueue = Channel.CreateUnbounded<AlertChanged>();
        using var hospitalSubscription = feed.Subscribe([_hospital.Id], (change, ct) => hospitalQueue.Writer.WriteAsync(change, ct).AsTask());
        using var riversideSubscription = feed.Subscribe([_riverside.Id], (change, ct) => riversideQueue.Writer.WriteAsync(change, ct).AsTask());

        var claimed = await Host.SendAsync(TestData.UserFor(_nurse), new ClaimAlertCommand(alert.Id, alert.Version));
        var received = await hospitalQueue.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        Assert.Equal(new AlertChanged(alert.Id, _hospital.Id, AlertChangeKind.Claimed), received);

        await Assert.ThrowsAsync<ConflictException>(() => Host.SendAsync(TestData.UserFor(_nurse), new RecordAdviceCommand(alert.Id, alert.Version, "Boire.")));
        await Host.SendAsync(TestData.UserFor(_nurse), new RecordAdviceCommand(alert.Id, claimed.Version, "Boire."));

        Assert.Equal(AlertChangeKind.ActionRecorded, (await hospitalQueue.Reader.ReadAsync().AsTask().WaitAsync(Patience)).Kind);
        await Task.Delay(200);
        Assert.False(hospitalQueue.Reader.TryRead(out _), "A refused command was published.");
        Assert.False(riversideQueue.Reader.TryRead(out _), "Another establishment's queue heard of the alert.");
    }

    [Fact]
    public async Task A_response_that_raises_an_alert_reaches_the_open_queues_once_committed_and_one_that_raises_none_is_silent()
    {
        var alerting = await PatientScenario.CreateAsync(Host);
        var calm = await PatientScenario.CreateAsync(Host);
        var queue = Channel.CreateUnbounded<AlertChanged>();
        var feed = Host.Services.GetRequiredService<IAlertChangeFeed>();
        using var subscription = feed.Subscribe(
            [alerting.Establishment.Id, calm.Establishment.Id], (change, ct) => queue.Writer.WriteAsync(change, ct).AsTask());

        var result = await alerting.SubmitAsync(PatientScenario.OpenWeek, Answers.Calm(), temperature: 38.6m);
        var received = await queue.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        var raised = Assert.IsType<RaisedAlert>(result.Alert);
        Assert.Equal(new AlertChanged(raised.AlertId, alerting.Establishment.Id, AlertChangeKind.Raised), received);
        await using (var db = Host.Database.CreateContext())
        {
            Assert.True(await db.Alerts.AnyAsync(a => a.Id == raised.AlertId), "The change was published before its alert was stored.");
        }

        // Nothing to report, and the same answers sent again: no alert is new, so no queue is told.
        Assert.Null((await calm.SubmitAsync(PatientScenario.OpenWeek, Answers.Calm(), temperature: 37.0m)).Alert);
        Assert.False((await alerting.SubmitAsync(PatientScenario.OpenWeek, Answers.Calm(), temperature: 38.6m)).Created);
        await Task.Delay(200);
        Assert.False(queue.Reader.TryRead(out var extra), $"A response that raised no new alert was published: {extra}.");
    }

    [Fact]
    public async Task A_missed_week_alert_reaches_the_open_queues_of_its_establishment()
    {
        var patient = await PatientScenario.CreateAsync(Host, e =>
        {
            e.StartDate = PatientScenario.OpenWeek;
            e.CreatedAt = new DateTime(2026, 3, 6, 9, 0, 0, DateTimeKind.Utc);
        });
        var queue = Channel.CreateUnbounded<AlertChanged>();
        var feed = Host.Services.GetRequiredService<IAlertChangeFeed>();
        using var subscription = feed.Subscribe([patient.Establishment.Id], (change, ct) => queue.Writer.WriteAsync(change, ct).AsTask());

        // Friday 00:00 in Paris, winter time: the week due Monday 9 March is missed.
        Host.Clock.Now = new DateTimeOffset(2026, 3, 12, 23, 0, 0, TimeSpan.Zero);
        await Host.SendAsync(TestCurrentUser.Anonymous(), new RaiseMissedQuestionnaireAlertsCommand());
        var received = await queue.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        var alert = Assert.Single(await patient.AlertsAsync());
        Assert.Equal(new AlertChanged(alert.Id, patient.Establishment.Id, AlertChangeKind.Raised), received);
        await Host.SendAsync(TestCurrentUser.Anonymous(), new RaiseMissedQuestionnaireAlertsCommand());
        await Task.Delay(200);
        Assert.False(queue.Reader.TryRead(out var extra), $"A week already flagged was published again: {extra}.");
    }
}

public sealed class LiveAlertUpdateSqliteTests(SqliteDatabaseFixture fixture) : LiveAlertUpdateTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class LiveAlertUpdatePostgresTests(PostgresDatabaseFixture fixture) : LiveAlertUpdateTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class LiveAlertUpdateSqlServerTests(SqlServerDatabaseFixture fixture) : LiveAlertUpdateTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
