using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Telemetry;
using TeleSurv.Portal.Infrastructure.Persistence;

namespace TeleSurv.Portal.Infrastructure.Notifications;

/// <summary>
/// Alert changes shared by every portal instance on one PostgreSQL database, through <c>LISTEN/NOTIFY</c>.
/// </summary>
/// <remarks>
/// <para>
/// A local change goes at once to this instance's subscribers (<see cref="InProcessAlertNotifier"/>), then, from a
/// queue that never holds the publisher, to the other instances as one <c>pg_notify</c> on
/// <see cref="Channel"/>. Publishers call <see cref="Publish"/> after their transaction commits, so no instance
/// hears of a change it cannot read yet. The payload is small and holds no patient data: the sending instance, the
/// alert, its establishment, the kind of change and when it was published; a page that hears it reloads through its
/// own access rules. The instance that hears a change records how long after its publication it came
/// (<see cref="PortalTelemetry.BackplaneLag"/>), by the two hosts' clocks: keeping them in step (NTP) is the
/// operator's part.
/// </para>
/// <para>
/// One connection per instance listens. When it is lost (server restart, failover, a DBA ending it) the listener
/// reconnects with a growing delay, and once listening again tells every open page to reload what it shows
/// (<see cref="AlertChangeKind.Resynchronise"/>), since notifications sent meanwhile are gone. On SQLite, or with
/// <c>LiveUpdates:Backplane</c> set to <c>InProcess</c>, nothing leaves the process.
/// </para>
/// </remarks>
public sealed partial class PostgresAlertBackplane(
    InProcessAlertNotifier local,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<LiveUpdatesOptions> liveUpdatesOptions,
    TimeProvider time,
    ILogger<PostgresAlertBackplane> logger) : BackgroundService, IAlertNotifier
{
    /// <summary>The PostgreSQL notification channel (per database, so several portals may share one server).</summary>
    public const string Channel = "telesurv_alert_changes";

    /// <summary>The application name of the listening connection, as <c>pg_stat_activity</c> shows it.</summary>
    public const string ListenerApplicationName = "telesurv-live-updates";

    /// <summary>Changes waiting to be sent to the other instances before the oldest is dropped.</summary>
    public const int OutgoingCapacity = 4096;

    /// <summary>The payload this version writes: <see cref="FormatPayload"/>.</summary>
    private const string PayloadVersion = "2";

    /// <summary>The payload of the version before, without the publication time: still read during a rolling upgrade.</summary>
    private const string PayloadVersionWithoutTime = "1";

    private readonly Channel<Outgoing> _outgoing = System.Threading.Channels.Channel.CreateBounded<Outgoing>(
        new BoundedChannelOptions(OutgoingCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Lazy<bool> _enabled = new(() => IsEnabledFor(databaseOptions.Value, liveUpdatesOptions.Value));

    private int _listening;
    private long _reconnections;

    /// <summary>Identifies this instance's notifications, which its listener skips (they were delivered locally).</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>True when changes are shared with other instances (PostgreSQL, backplane not turned off).</summary>
    public bool Enabled => _enabled.Value;

    /// <summary>True while the listening connection is open and listening.</summary>
    public bool Listening => Volatile.Read(ref _listening) == 1;

    /// <summary>How many times the listener came back after losing its connection.</summary>
    public long Reconnections => Interlocked.Read(ref _reconnections);

    public static bool IsEnabledFor(DatabaseOptions database, LiveUpdatesOptions liveUpdates)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(liveUpdates);
        return liveUpdates.Backplane == LiveUpdatesBackplane.Auto
            && database.TryGetProvider(out var provider)
            && provider == DatabaseProvider.Postgres;
    }

    public void Publish(AlertChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        local.Publish(change);
        if (Enabled)
        {
            _outgoing.Writer.TryWrite(new Outgoing(change, time.GetUtcNow()));
        }
    }

    /// <summary>
    /// The notification text of a change: <c>2|instance|alert|establishment|kind|published</c>, the last being the
    /// publication time in microseconds since 1970-01-01 UTC.
    /// </summary>
    public static string FormatPayload(Guid instanceId, AlertChanged change, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(change);
        return string.Join(
            '|',
            PayloadVersion,
            instanceId.ToString("N"),
            change.AlertId.ToString("N"),
            change.EstablishmentId.ToString("N"),
            ((int)change.Kind).ToString(CultureInfo.InvariantCulture),
            ((publishedAt - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Reads a notification's text; false for anything neither this version nor the one before wrote.
    /// <paramref name="publishedAt"/> is null for a notification of the version before, which had no time.
    /// </summary>
    public static bool TryParsePayload(string? payload, out Guid instanceId, out AlertChanged? change, out DateTimeOffset? publishedAt)
    {
        instanceId = Guid.Empty;
        change = null;
        publishedAt = null;
        var parts = payload?.Split('|');
        if (parts is null
            || !((parts.Length == 6 && parts[0] == PayloadVersion) || (parts.Length == 5 && parts[0] == PayloadVersionWithoutTime))
            || !Guid.TryParseExact(parts[1], "N", out instanceId)
            || !Guid.TryParseExact(parts[2], "N", out var alertId)
            || !Guid.TryParseExact(parts[3], "N", out var establishmentId)
            || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var kind)
            || !Enum.IsDefined((AlertChangeKind)kind)
            || (AlertChangeKind)kind == AlertChangeKind.Resynchronise)
        {
            return false;
        }

        if (parts.Length == 6)
        {
            if (!long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds)
                || microseconds > (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond)
            {
                return false;
            }

            publishedAt = DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
        }

        change = new AlertChanged(alertId, establishmentId, (AlertChangeKind)kind);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(databaseOptions.Value.GetConnectionString());
        var sendConnectionString = new NpgsqlConnectionStringBuilder(builder.ConnectionString)
        {
            ApplicationName = ListenerApplicationName + "-send",
        }.ConnectionString;

        // The listener holds its connection for hours: outside the pool, with keepalives so a dead peer is noticed.
        builder.ApplicationName = ListenerApplicationName;
        builder.Pooling = false;
        if (builder.KeepAlive == 0)
        {
            builder.KeepAlive = 30;
        }

        var sender = Task.Run(() => SendAsync(sendConnectionString, stoppingToken), CancellationToken.None);
        await ListenAsync(builder.ConnectionString, stoppingToken).ConfigureAwait(false);
        await sender.ConfigureAwait(false);
    }

    private async Task ListenAsync(string connectionString, CancellationToken stoppingToken)
    {
        var options = liveUpdatesOptions.Value;
        var delay = options.ReconnectInitialDelay;
        var lostOnce = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var connection = new NpgsqlConnection(connectionString);
                await using (connection.ConfigureAwait(false))
                {
                    connection.Notification += OnNotification;
                    await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                    var listen = new NpgsqlCommand($"LISTEN {Channel}", connection);
                    await using (listen.ConfigureAwait(false))
                    {
                        await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                    }

                    Volatile.Write(ref _listening, 1);
                    delay = options.ReconnectInitialDelay;
                    if (lostOnce)
                    {
                        Interlocked.Increment(ref _reconnections);
                        LogReconnected(logger);
                        local.PublishResynchronise();
                    }

                    while (true)
                    {
                        await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var wasListening = Interlocked.Exchange(ref _listening, 0) == 1;
                lostOnce = true;
                LogListenerLost(logger, exception, wasListening, delay.TotalSeconds);
            }

            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.ReconnectMaxDelay.Ticks));
        }

        Volatile.Write(ref _listening, 0);
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs args)
    {
        if (!TryParsePayload(args.Payload, out var instanceId, out var change, out var publishedAt))
        {
            LogUnreadableNotification(logger, args.Payload.Length);
            return;
        }

        if (instanceId == InstanceId)
        {
            return;
        }

        if (publishedAt is { } then)
        {
            // A negative lag is the two hosts' clocks disagreeing; it is recorded as none rather than dropped.
            var lag = Math.Max(0, (time.GetUtcNow() - then).TotalSeconds);
            PortalTelemetry.BackplaneLag.Record(lag);
            LogChangeHeard(logger, lag * 1000);
        }

        local.Publish(change!);
    }

    private async Task SendAsync(string connectionString, CancellationToken stoppingToken)
    {
        var options = liveUpdatesOptions.Value;
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (dataSource.ConfigureAwait(false))
        {
            var delay = options.ReconnectInitialDelay;
            try
            {
                while (await _outgoing.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                {
                    if (!_outgoing.Reader.TryPeek(out var outgoing))
                    {
                        continue;
                    }

                    try
                    {
                        var command = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
                        await using (command.ConfigureAwait(false))
                        {
                            command.Parameters.Add(new NpgsqlParameter { Value = Channel });
                            command.Parameters.Add(new NpgsqlParameter { Value = FormatPayload(InstanceId, outgoing.Change, outgoing.PublishedAt) });
                            await command.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                        }

                        // Taken off the queue only once sent: a change survives a short outage (up to the queue's capacity).
                        _outgoing.Reader.TryRead(out _);
                        delay = options.ReconnectInitialDelay;
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        LogSendFailed(logger, exception, delay.TotalSeconds);
                        await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.ReconnectMaxDelay.Ticks));
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: changes not yet sent are lost with the instance; the other instances' pages reload on their next change.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live-update listener lost its PostgreSQL connection (it was listening: {WasListening}); it reconnects in {DelaySeconds} s.")]
    private static partial void LogListenerLost(ILogger logger, Exception exception, bool wasListening, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The live-update listener is listening again; open queues and alert pages reload what they show.")]
    private static partial void LogReconnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An alert change could not be sent to the other instances; retrying in {DelaySeconds} s.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live-update notification of {Length} characters was not understood and is ignored.")]
    private static partial void LogUnreadableNotification(ILogger logger, int length);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An alert change from another instance was heard {LagMilliseconds:F3} ms after its publication.")]
    private static partial void LogChangeHeard(ILogger logger, double lagMilliseconds);

    private readonly record struct Outgoing(AlertChanged Change, DateTimeOffset PublishedAt);
}
