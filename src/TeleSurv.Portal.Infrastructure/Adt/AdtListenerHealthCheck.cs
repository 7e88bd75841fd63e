using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Adt;

namespace TeleSurv.Portal.Infrastructure.Adt;

/// <summary>
/// "adt-listener": unhealthy when the ADT listener does not take connections (it could not listen, its accept loop
/// ended), or when a message has been arriving, or processed, for twice its deadline (the deadlines are then not
/// enforced: the listener is stalled). Degraded when every slot is taken or connections were refused since the last
/// check.
/// </summary>
public sealed class AdtListenerHealthCheck(AdtListenerState state, IOptions<AdtListenerOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    public const string Name = "adt-listener";

    private long _refusedAtLastCheck;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check());

    private HealthCheckResult Check()
    {
        var snapshot = state.Snapshot();
        if (snapshot.Status != AdtListenerStatus.Listening)
        {
            var text = $"The ADT listener is {snapshot.Status}{(snapshot.Problem is null ? string.Empty : ": " + snapshot.Problem)}.";
            return snapshot.Status is AdtListenerStatus.Starting or AdtListenerStatus.Stopped
                ? HealthCheckResult.Degraded(text)
                : HealthCheckResult.Unhealthy(text);
        }

        if (snapshot.Activity is not { } activity)
        {
            return HealthCheckResult.Unhealthy("The ADT listener reports nothing of its connections.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var frameTimeout = TimeSpan.FromSeconds(options.Value.FrameTimeoutSeconds);
        var sinceLast = activity.LastMessageAt is { } last ? now - last : (TimeSpan?)null;
        var data = new Dictionary<string, object>
        {
            ["accepting"] = activity.Accepting,
            ["slotsInUse"] = activity.OpenConnections,
            ["slots"] = activity.MaxConnections,
            ["refusedConnections"] = activity.RefusedConnections,
            ["framesTimedOut"] = activity.FramesTimedOut,
            ["messagesTimedOut"] = activity.MessagesTimedOut,
            ["lastMessageAt"] = activity.LastMessageAt?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty,
            ["oldestFrameSeconds"] = activity.OldestFrameInProgress is { } o ? Math.Round(o.TotalSeconds) : 0d,
            ["oldestProcessingSeconds"] = activity.OldestMessageInProcessing is { } p ? Math.Round(p.TotalSeconds) : 0d,
        };
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{activity.OpenConnections} of {activity.MaxConnections} slots in use, last message {(sinceLast is { } s ? $"{s.TotalSeconds:0} s ago" : "none yet")}");

        if (!activity.Accepting)
        {
            return HealthCheckResult.Unhealthy($"The ADT listener no longer accepts connections ({summary}).", data: data);
        }

        if (activity.OldestFrameInProgress is { } oldest && oldest > frameTimeout * 2)
        {
            return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
                $"The ADT listener is stalled: a message has been arriving for {oldest.TotalSeconds:0} s, past its {frameTimeout.TotalSeconds:0} s deadline ({summary})."), data: data);
        }

        var messageTimeout = TimeSpan.FromSeconds(options.Value.MessageTimeoutSeconds);
        if (activity.OldestMessageInProcessing is { } processing && processing > messageTimeout * 2)
        {
            return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
                $"The ADT listener is stalled: a message has been processed for {processing.TotalSeconds:0} s, past its {messageTimeout.TotalSeconds:0} s deadline ({summary})."), data: data);
        }

        if (activity.OpenConnections >= activity.MaxConnections)
        {
            return HealthCheckResult.Degraded($"Every ADT listener slot is taken ({summary}).", data: data);
        }

        var refusedBefore = Interlocked.Exchange(ref _refusedAtLastCheck, activity.RefusedConnections);
        if (activity.RefusedConnections > refusedBefore)
        {
            return HealthCheckResult.Degraded(string.Create(CultureInfo.InvariantCulture,
                $"The ADT listener refused {activity.RefusedConnections - refusedBefore} connections since the last check for want of a slot ({summary})."), data: data);
        }

        return HealthCheckResult.Healthy(summary + ".", data);
    }
}
