namespace TeleSurv.Portal.Application.Abstractions;

/// <summary>What happened to an alert, as open queues and alert pages need to know to refresh.</summary>
public enum AlertChangeKind
{
    /// <summary>A new alert (a response or a missed week raised it).</summary>
    Raised = 0,

    Claimed = 1,

    Released = 2,

    /// <summary>A call, advice, suggestion, confirmed grade, consultation or emergency referral was recorded.</summary>
    ActionRecorded = 3,

    Escalated = 4,

    /// <summary>The oncologist decided and the alert went back to the nurse team.</summary>
    Decided = 5,

    Resolved = 6,

    /// <summary>A resolved alert's report got a corrected version.</summary>
    ReportCorrected = 7,

    /// <summary>A resolved alert's report was withdrawn.</summary>
    ReportWithdrawn = 8,

    /// <summary>
    /// Changes may have been missed (the link to the other instances was lost for a while): whatever is shown is
    /// reloaded. Sent to every subscription, with <see cref="Guid.Empty"/> as alert and establishment.
    /// </summary>
    Resynchronise = 9,
}

/// <summary>An alert changed; published once the change is committed.</summary>
public sealed record AlertChanged(Guid AlertId, Guid EstablishmentId, AlertChangeKind Kind)
{
    /// <summary>What a subscription receives when changes may have been missed: reload everything shown.</summary>
    public static AlertChanged Resynchronise { get; } = new(Guid.Empty, Guid.Empty, AlertChangeKind.Resynchronise);
}

/// <summary>
/// Tells whoever watches an establishment's alerts that one changed. Every committed change of an alert is
/// published, by the triage commands and by whatever raises alerts, after its transaction commits: never for a
/// change that was rolled back.
/// </summary>
public interface IAlertNotifier
{
    /// <summary>Hands the change to the subscribers of its establishment and returns at once; never blocks and never throws.</summary>
    void Publish(AlertChanged change);
}

/// <summary>The receiving side of <see cref="IAlertNotifier"/>: what a live queue or alert page listens to.</summary>
public interface IAlertChangeFeed
{
    /// <summary>
    /// Calls <paramref name="handler"/> for each change of an alert of one of <paramref name="establishmentIds"/>,
    /// one change at a time and in publish order, away from the publisher's thread, until the returned subscription
    /// is disposed. A handler's exception is logged and does not end the subscription. A subscriber too slow to keep
    /// up loses its oldest pending changes rather than holding the publisher: handlers reload what they show.
    /// </summary>
    IDisposable Subscribe(IEnumerable<Guid> establishmentIds, Func<AlertChanged, CancellationToken, Task> handler);
}
