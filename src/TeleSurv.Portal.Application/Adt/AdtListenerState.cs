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
    private Func<int>? _connections;

    public AdtListenerStatus Status { get; private set; }

    /// <summary>Address and port listened on, e.g. 127.0.0.1:2575.</summary>
    public string? Endpoint { get; private set; }

    public DateTime? Since { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Connections being served now, as the listener counts them.</summary>
    public int OpenConnections => _connections?.Invoke() ?? 0;

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

    /// <summary>Where <see cref="OpenConnections"/> reads from while the listener runs; null once it stopped.</summary>
    public void CountConnectionsWith(Func<int>? probe) => _connections = probe;

    public AdtListenerSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new AdtListenerSnapshot(Status, Endpoint, Since, Problem, OpenConnections);
        }
    }
}

public sealed record AdtListenerSnapshot(AdtListenerStatus Status, string? Endpoint, DateTime? Since, string? Problem, int OpenConnections);
