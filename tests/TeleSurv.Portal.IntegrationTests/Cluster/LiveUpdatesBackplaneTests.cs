using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Telemetry;
using TeleSurv.Portal.Infrastructure.Notifications;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Tests.Cluster;

/// <summary>Two portal hosts on one PostgreSQL database: a change published on one reaches the other's open pages.</summary>
public sealed class LiveUpdatesBackplaneTests : IAsyncLifetime, IDisposable
{
    private TestDatabase? _database;
    private PortalAppFactory? _a;
    private PortalAppFactory? _b;

    private PortalAppFactory A => _a!;

    private PortalAppFactory B => _b!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, TestSchema.None);
        var settings = _database.WithSettings(("LiveUpdates:ReconnectInitialDelayMilliseconds", "100"), ("LiveUpdates:ReconnectMaxDelaySeconds", "1"));

        // One after the other: the first applies the migrations, the second finds them applied.
        _a = new PortalAppFactory(settings);
        _a.StartServer();
        _b = new PortalAppFactory(settings);
        _b.StartServer();
        await Eventually.HoldsAsync(() => Backplane(A).Listening && Backplane(B).Listening, "both instances listen");
    }

    public async Task DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
            _b = null;
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
            _a = null;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _b?.Dispose();
        _a?.Dispose();
    }

    [Fact]
    public async Task A_change_published_on_one_instance_reaches_the_subscribers_of_the_other_once_and_only_for_its_establishment()
    {
        var establishment = Guid.NewGuid();
        var onB = new ConcurrentQueue<AlertChanged>();
        var onA = new ConcurrentQueue<AlertChanged>();
        var otherEstablishmentOnB = new ConcurrentQueue<AlertChanged>();
        using var subscriptionB = Feed(B).Subscribe([establishment], Recorder(onB));
        using var subscriptionA = Feed(A).Subscribe([establishment], Recorder(onA));
        using var otherB = Feed(B).Subscribe([Guid.NewGuid()], Recorder(otherEstablishmentOnB));

        var change = new AlertChanged(Guid.NewGuid(), establishment, AlertChangeKind.Claimed);
        A.Services.GetRequiredService<IAlertNotifier>().Publish(change);

        await Eventually.HoldsAsync(() => !onB.IsEmpty, "the change reaches instance B");
        Assert.Equal(change, Assert.Single(onB));

        // A second change is a fence: once B has it, A's own notification of the first has come back and been skipped.
        var fence = new AlertChanged(Guid.NewGuid(), establishment, AlertChangeKind.Resolved);
        A.Services.GetRequiredService<IAlertNotifier>().Publish(fence);
        await Eventually.HoldsAsync(() => onB.Count == 2, "the second change reaches instance B");
        Assert.Equal([change, fence], onA);
        Assert.Equal([change, fence], onB);
        Assert.Empty(otherEstablishmentOnB);
    }

    [Fact]
    public async Task A_listener_whose_connection_is_killed_reconnects_tells_its_pages_to_reload_and_hears_changes_again()
    {
        var establishment = Guid.NewGuid();
        var onB = new ConcurrentQueue<AlertChanged>();
        using var subscription = Feed(B).Subscribe([establishment], Recorder(onB));
        var reconnectionsBefore = Backplane(B).Reconnections;

        var killed = await TerminateListenersAsync();
        Assert.Equal(2, killed);

        await Eventually.HoldsAsync(() => onB.Contains(AlertChanged.Resynchronise), "instance B's page is told to reload");
        await Eventually.HoldsAsync(() => Backplane(B).Listening && Backplane(A).Listening, "both instances listen again");
        Assert.True(Backplane(B).Reconnections > reconnectionsBefore);

        var change = new AlertChanged(Guid.NewGuid(), establishment, AlertChangeKind.Raised);
        A.Services.GetRequiredService<IAlertNotifier>().Publish(change);
        await Eventually.HoldsAsync(() => onB.Contains(change), "a change made after the reconnection reaches instance B");
    }

    [Fact]
    public async Task Changes_published_while_the_database_refuses_the_sender_are_sent_once_it_is_back()
    {
        var establishment = Guid.NewGuid();
        var onB = new ConcurrentQueue<AlertChanged>();
        using var subscription = Feed(B).Subscribe([establishment], Recorder(onB));

        // Ending the sending connections makes the next pg_notify fail on a dead pooled connection, then succeed on a new one.
        await using (var admin = new NpgsqlConnection(_database!.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1", admin);
            kill.Parameters.Add(new NpgsqlParameter { Value = PostgresAlertBackplane.ListenerApplicationName + "-send" });
            await kill.ExecuteScalarAsync();
        }

        var change = new AlertChanged(Guid.NewGuid(), establishment, AlertChangeKind.Escalated);
        A.Services.GetRequiredService<IAlertNotifier>().Publish(change);
        await Eventually.HoldsAsync(() => onB.Contains(change), "the change reaches instance B");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a change")]
    [InlineData("1|00000000000000000000000000000001|00000000000000000000000000000002|00000000000000000000000000000003|42")]
    [InlineData("1|00000000000000000000000000000001|00000000000000000000000000000002|00000000000000000000000000000003|9")]
    [InlineData("2|00000000000000000000000000000001|00000000000000000000000000000002|00000000000000000000000000000003|0")]
    [InlineData("2|00000000000000000000000000000001|00000000000000000000000000000002|00000000000000000000000000000003|0|-5")]
    [InlineData("2|00000000000000000000000000000001|00000000000000000000000000000002|00000000000000000000000000000003|0|99999999999999999999")]
    [InlineData("3|00000000000000000000000000000001|00000000000000000000000000000002|00000000000000000000000000000003|0|0")]
    public async Task A_notification_on_the_channel_that_is_not_a_change_is_ignored_and_the_listener_goes_on(string payload)
    {
        var establishment = Guid.Parse("00000000000000000000000000000003");
        var onB = new ConcurrentQueue<AlertChanged>();
        using var subscription = Feed(B).Subscribe([establishment], Recorder(onB));

        await using (var stranger = new NpgsqlConnection(_database!.ConnectionString))
        {
            await stranger.OpenAsync();
            await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", stranger);
            notify.Parameters.Add(new NpgsqlParameter { Value = PostgresAlertBackplane.Channel });
            notify.Parameters.Add(new NpgsqlParameter { Value = payload });
            await notify.ExecuteNonQueryAsync();
        }

        var change = new AlertChanged(Guid.NewGuid(), establishment, AlertChangeKind.Released);
        A.Services.GetRequiredService<IAlertNotifier>().Publish(change);
        await Eventually.HoldsAsync(() => !onB.IsEmpty, "the next change reaches instance B");
        Assert.Equal([change], onB);
        Assert.True(Backplane(B).Listening);
    }

    [Fact]
    public async Task A_change_heard_from_another_instance_records_the_backplane_lag_and_one_heard_from_itself_does_not()
    {
        var lags = new ConcurrentQueue<double>();
        using var meter = new MeterListener();
        meter.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PortalTelemetry.Name && instrument.Name == PortalTelemetry.BackplaneLagName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meter.SetMeasurementEventCallback<double>((_, value, _, _) => lags.Enqueue(value));
        meter.Start();

        var establishment = Guid.NewGuid();
        var onA = new ConcurrentQueue<AlertChanged>();
        var onB = new ConcurrentQueue<AlertChanged>();
        using var subscriptionA = Feed(A).Subscribe([establishment], Recorder(onA));
        using var subscriptionB = Feed(B).Subscribe([establishment], Recorder(onB));

        var fromA = new AlertChanged(Guid.NewGuid(), establishment, AlertChangeKind.Raised);
        var before = DateTime.UtcNow;
        A.Services.GetRequiredService<IAlertNotifier>().Publish(fromA);
        await Eventually.HoldsAsync(() => onB.Contains(fromA), "the change reaches instance B");
        var elapsed = (DateTime.UtcNow - before).TotalSeconds;
        var lag = Assert.Single(lags);
        Assert.InRange(lag, 0, elapsed);

        // Notifications reach a listener in commit order: once A hears B's change, it has heard (and skipped) its own.
        var fromB = new AlertChanged(Guid.NewGuid(), establishment, AlertChangeKind.Claimed);
        B.Services.GetRequiredService<IAlertNotifier>().Publish(fromB);
        await Eventually.HoldsAsync(() => onA.Contains(fromB), "the change reaches instance A");
        Assert.Equal(2, lags.Count);
    }

    private static PostgresAlertBackplane Backplane(PortalAppFactory host) => host.Services.GetRequiredService<PostgresAlertBackplane>();

    private static IAlertChangeFeed Feed(PortalAppFactory host) => host.Services.GetRequiredService<IAlertChangeFeed>();

    private static Func<AlertChanged, CancellationToken, Task> Recorder(ConcurrentQueue<AlertChanged> into) => (change, _) =>
    {
        into.Enqueue(change);
        return Task.CompletedTask;
    };

    private async Task<long> TerminateListenersAsync()
    {
        await using var admin = new NpgsqlConnection(_database!.ConnectionString);
        await admin.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
            admin);
        kill.Parameters.Add(new NpgsqlParameter { Value = PostgresAlertBackplane.ListenerApplicationName });
        return (long)(await kill.ExecuteScalarAsync())!;
    }
}

/// <summary>SQLite keeps live updates in the process, and says so when a second process opens the same file.</summary>
public sealed class SqliteSingleInstanceTests
{
    [Fact]
    public async Task A_second_host_on_the_same_SQLite_file_warns_and_neither_shares_changes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        await using var first = new PortalAppFactory(database.WithSettings());
        first.StartServer();
        await using var second = new PortalAppFactory(database.WithSettings());
        second.StartServer();

        Assert.False(Check(first).SharedWithAnotherProcess);
        Assert.True(Check(second).SharedWithAnotherProcess);
        Assert.False(first.Services.GetRequiredService<PostgresAlertBackplane>().Enabled);
        Assert.False(second.Services.GetRequiredService<PostgresAlertBackplane>().Enabled);

        var establishment = Guid.NewGuid();
        var onSecond = new ConcurrentQueue<AlertChanged>();
        var onFirst = new ConcurrentQueue<AlertChanged>();
        using var s2 = second.Services.GetRequiredService<IAlertChangeFeed>().Subscribe([establishment], (c, _) => { onSecond.Enqueue(c); return Task.CompletedTask; });
        using var s1 = first.Services.GetRequiredService<IAlertChangeFeed>().Subscribe([establishment], (c, _) => { onFirst.Enqueue(c); return Task.CompletedTask; });
        first.Services.GetRequiredService<IAlertNotifier>().Publish(new AlertChanged(Guid.NewGuid(), establishment, AlertChangeKind.Raised));
        await Eventually.HoldsAsync(() => !onFirst.IsEmpty, "the first host's own subscriber hears the change");
        Assert.Empty(onSecond);
    }

    [Fact]
    public void The_lock_beside_the_database_is_free_again_once_its_holder_lets_it_go()
    {
        var path = Path.Combine(Path.GetTempPath(), $"telesurv-{Guid.NewGuid():N}.db{SqliteSharedFileCheck.LockFileSuffix}");
        try
        {
            Assert.True(SqliteSharedFileCheck.TryAcquire(path, out var held));
            Assert.False(SqliteSharedFileCheck.TryAcquire(path, out var refused));
            Assert.Null(refused);
            held!.Dispose();
            Assert.True(SqliteSharedFileCheck.TryAcquire(path, out var again));
            again!.Dispose();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static SqliteSharedFileCheck Check(PortalAppFactory host) =>
        host.Services.GetServices<IHostedService>().OfType<SqliteSharedFileCheck>().Single();
}
