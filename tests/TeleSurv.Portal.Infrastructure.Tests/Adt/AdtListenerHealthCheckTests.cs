using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Hl7;
using TeleSurv.Portal.Infrastructure.Adt;

namespace TeleSurv.Portal.Infrastructure.Tests.Adt;

/// <summary>The "adt-listener" health check: a listener that does not take or does not finish messages is unhealthy.</summary>
public sealed class AdtListenerHealthCheckTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);
    private readonly AdtListenerState _state = new();
    private readonly AdtListenerOptions _options = new() { FrameTimeoutSeconds = 30, MessageTimeoutSeconds = 30, MaxConnections = 64 };

    private static AdtListenerActivity Working => new(
        Accepting: true, OpenConnections: 3, MaxConnections: 64, RefusedConnections: 0, FramesTimedOut: 0, MessagesTimedOut: 0,
        LastMessageAt: Now.AddSeconds(-2), OldestFrameInProgress: TimeSpan.FromSeconds(1), OldestMessageInProcessing: null);

    private async Task<HealthCheckResult> CheckAsync(AdtListenerActivity? activity, AdtListenerStatus status = AdtListenerStatus.Listening, AdtListenerHealthCheck? check = null)
    {
        _state.Set(status, "127.0.0.1:2575", Now, status == AdtListenerStatus.Faulted ? "Address already in use" : null);
        _state.ObserveWith(activity is null ? null : () => activity);
        check ??= new AdtListenerHealthCheck(_state, Options.Create(_options), new FixedTime(Now));
        return await check.CheckHealthAsync(new HealthCheckContext());
    }

    [Fact]
    public async Task A_listener_taking_and_finishing_messages_is_healthy_and_says_how_busy_it_is()
    {
        var result = await CheckAsync(Working);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("3 of 64 slots in use, last message 2 s ago.", result.Description);
        Assert.Equal(3, result.Data["slotsInUse"]);
        Assert.Equal(1d, result.Data["oldestFrameSeconds"]);
    }

    [Fact]
    public async Task A_listener_that_could_not_listen_or_stopped_accepting_is_unhealthy()
    {
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(null, AdtListenerStatus.Faulted)).Status);
        var stopped = await CheckAsync(Working with { Accepting = false });
        Assert.Equal(HealthStatus.Unhealthy, stopped.Status);
        Assert.Contains("no longer accepts", stopped.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listener_whose_deadlines_are_not_enforced_is_stalled_and_unhealthy()
    {
        var arriving = await CheckAsync(Working with { OldestFrameInProgress = TimeSpan.FromSeconds(61) });
        var processing = await CheckAsync(Working with { OldestMessageInProcessing = TimeSpan.FromSeconds(61) });
        var withinDeadlines = await CheckAsync(Working with { OldestFrameInProgress = TimeSpan.FromSeconds(59), OldestMessageInProcessing = TimeSpan.FromSeconds(59) });

        Assert.Equal(HealthStatus.Unhealthy, arriving.Status);
        Assert.Contains("stalled", arriving.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, processing.Status);
        Assert.Equal(HealthStatus.Healthy, withinDeadlines.Status);
    }

    [Fact]
    public async Task A_full_listener_or_one_refusing_connections_is_degraded()
    {
        var check = new AdtListenerHealthCheck(_state, Options.Create(_options), new FixedTime(Now));

        var full = await CheckAsync(Working with { OpenConnections = 64 }, check: check);
        var refusing = await CheckAsync(Working with { RefusedConnections = 5 }, check: check);
        var sameCount = await CheckAsync(Working with { RefusedConnections = 5 }, check: check);

        Assert.Equal(HealthStatus.Degraded, full.Status);
        Assert.Equal(HealthStatus.Degraded, refusing.Status);
        Assert.Contains("refused 5 connections", refusing.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, sameCount.Status);
    }

    [Fact]
    public void A_stored_ack_the_senders_character_set_cannot_carry_is_written_in_the_set_it_declares()
    {
        var ack = "MSH|^~\\&|TELESURV||GAM|CHU|20261206120000||ACK^A28^ACK|A1|P|2.5|||||||UNICODE UTF-8\rMSA|AA|C1\rERR|||0^Message accepted^HL70357|W||||Rue de la Forêt, Saint-Loup-sur-Aujon: où\r";

        var bytes = AdtMllpHandler.Encode(ack, Hl7CharacterSet.Ascii);

        Assert.Equal(ack, System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Throws<Hl7EncodingException>(() => Hl7CharacterSets.Encode(ack, Hl7CharacterSet.Ascii));
    }

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
