namespace TeleSurv.Portal.Application.Adt;

public enum AdtListenerStatus
{
    /// <summary>The portal was configured without an MLLP listener.</summary>
    Disabled = 0,

    Starting = 1,

    Listening = 2,

    Stopped = 3,

    /// <summary>It could not listen (address in use, certificate unreadable…): see <see cref="AdtListenerState.Problem"/>.</summary>
    Faulted = 4,
}

/// <summary>
/// What the MLLP listener reports of itself, for the interface monitor: one per process (singleton), written by the
/// listener, read by the admin pages.
/// </summary>
public sealed class AdtListenerState
{
    private readonly Lock _gate = new();
    private Func<AdtListenerActivity>? _activity;

    public AdtListenerStatus Status { get; private set; }

    /// <summary>Address and port listened on, e.g. 127.0.0.1:2575.</summary>
    public string? Endpoint { get; private set; }

    public DateTime? Since { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Connections being served now, as the listener counts them.</summary>
    public int OpenConnections => Activity()?.OpenConnections ?? 0;

    /// <summary>What the running listener reports of its connections and messages; null when it does not run.</summary>
    public AdtListenerActivity? Activity() => _activity?.Invoke();

    public void Set(AdtListenerStatus status, string? endpoint, DateTime at, string? problem = null)
    {
        lock (_gate)
        {
            Status = status;
            Endpoint = endpoint ?? Endpoint;
            Since = at;
            Problem = problem;
        }
    }

    /// <summary>Where <see cref="Activity"/> reads from while the listener runs; null once it stopped.</summary>
    public void ObserveWith(Func<AdtListenerActivity>? probe) => _activity = probe;

    public AdtListenerSnapshot Snapshot()
    {
        var activity = Activity();
        lock (_gate)
        {
            return new AdtListenerSnapshot(Status, Endpoint, Since, Problem, activity?.OpenConnections ?? 0)
            {
                Activity = activity,
            };
        }
    }
}

public sealed record AdtListenerSnapshot(AdtListenerStatus Status, string? Endpoint, DateTime? Since, string? Problem, int OpenConnections)
{
    /// <summary>The running listener's counts; null when it does not run.</summary>
    public AdtListenerActivity? Activity { get; init; }
}

/// <summary>A running listener's state at one moment (see the "adt-listener" health check).</summary>
/// <param name="Accepting">New connections are taken.</param>
/// <param name="OpenConnections">Connections served now (slots in use).</param>
/// <param name="MaxConnections">Slots in all.</param>
/// <param name="RefusedConnections">Connections refused for want of a slot since the start.</param>
/// <param name="FramesTimedOut">Connections closed because a message did not arrive whole in time.</param>
/// <param name="MessagesTimedOut">Messages not processed in time (answered AR).</param>
/// <param name="LastMessageAt">When the last complete message arrived (UTC).</param>
/// <param name="OldestFrameInProgress">How long the oldest message still arriving has been arriving.</param>
/// <param name="OldestMessageInProcessing">How long the oldest message being processed has been.</param>
public sealed record AdtListenerActivity(
    bool Accepting,
    int OpenConnections,
    int MaxConnections,
    long RefusedConnections,
    long FramesTimedOut,
    long MessagesTimedOut,
    DateTime? LastMessageAt,
    TimeSpan? OldestFrameInProgress,
    TimeSpan? OldestMessageInProcessing = null);
