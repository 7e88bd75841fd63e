using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
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
}

public sealed class LiveAlertUpdateSqliteTests(SqliteDatabaseFixture fixture) : LiveAlertUpdateTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class LiveAlertUpdatePostgresTests(PostgresDatabaseFixture fixture) : LiveAlertUpdateTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class LiveAlertUpdateSqlServerTests(SqlServerDatabaseFixture fixture) : LiveAlertUpdateTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
