using System.Diagnostics;
using System.Diagnostics.Metrics;
using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Application.Common.Telemetry;

/// <summary>
/// The portal's own traces and metrics, under one name (<see cref="Name"/>) for the activity source and the meter.
/// They cost nothing until a listener subscribes: OpenTelemetry when <c>Telemetry:Otlp:Endpoint</c> is set, or a test.
/// Names follow the OpenTelemetry conventions (durations in seconds); docs/deployment.md lists them.
/// </summary>
public static class PortalTelemetry
{
    public const string Name = "TeleSurv.Portal";

    public const string BackplaneLagName = "telesurv.backplane.lag";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Inbound ADT messages by outcome: applied, duplicate (answered with the stored ACK), rejected (AE), failed (AR).</summary>
    public static readonly Counter<long> AdtMessages = Meter.CreateCounter<long>(
        "telesurv.adt.messages", "{message}", "Inbound ADT messages handled, by outcome.");

    /// <summary>From the MLLP frame read to its acknowledgement ready, the commit included.</summary>
    public static readonly Histogram<double> AdtAckDuration = Meter.CreateHistogram<double>(
        "telesurv.adt.ack.duration", "s", "Time from an ADT message received to its acknowledgement, commit included.");

    public static readonly Counter<long> AlertsRaised = Meter.CreateCounter<long>(
        "telesurv.alerts.raised", "{alert}", "Alerts raised, by priority and kind.");

    public static readonly Histogram<double> QueueQueryDuration = Meter.CreateHistogram<double>(
        "telesurv.queue.query.duration", "s", "Time to read one page of the alert queue.");

    public static readonly UpDownCounter<long> CircuitsOpen = Meter.CreateUpDownCounter<long>(
        "telesurv.circuits.open", "{circuit}", "Blazor circuits open on this instance.");

    /// <summary>
    /// From a change committed on one instance to its notice on another, by the clocks of both hosts: recorded by the
    /// live-update backplane of the instance that hears it.
    /// </summary>
    public static readonly Histogram<double> BackplaneLag = Meter.CreateHistogram<double>(
        BackplaneLagName, "s", "Time from an alert change committed on one instance to its notice on another.");

    private static OruBacklog? _oruBacklog;

    static PortalTelemetry()
    {
        // Reported by the instance that sends alone: the others have nothing to say, rather than a zero.
        Meter.CreateObservableGauge(
            "telesurv.oru.backlog",
            () => CurrentOruBacklog is { } backlog ? [new Measurement<long>(backlog.Undelivered)] : Array.Empty<Measurement<long>>(),
            "{message}",
            "ORU messages not delivered yet (pending, sending or parked), as last read by the instance that sends.");
        Meter.CreateObservableGauge(
            "telesurv.oru.oldest.age",
            () => CurrentOruBacklog is { } backlog ? [new Measurement<double>(backlog.OldestAge?.TotalSeconds ?? 0)] : Array.Empty<Measurement<double>>(),
            "s",
            "Age of the oldest ORU message waiting to be sent, as last read by the instance that sends.");
    }

    /// <summary>What the ORU sender last read of its outbox; null on an instance that does not send.</summary>
    public static OruBacklog? CurrentOruBacklog => Volatile.Read(ref _oruBacklog);

    public static void RecordOruBacklog(OruBacklog? backlog) => Volatile.Write(ref _oruBacklog, backlog);

    public static void RecordAlertRaised(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        AlertsRaised.Add(1, new("priority", alert.Priority.ToString()), new("kind", alert.Kind.ToString()));
    }
}

/// <param name="Undelivered">Messages pending, sending or parked.</param>
/// <param name="OldestAge">How long the oldest of them has waited; null when there is none.</param>
public sealed record OruBacklog(long Undelivered, TimeSpan? OldestAge);
