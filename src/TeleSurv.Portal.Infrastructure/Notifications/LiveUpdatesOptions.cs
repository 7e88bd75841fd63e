namespace TeleSurv.Portal.Infrastructure.Notifications;

/// <summary>How alert changes reach the open pages of other instances (<c>LiveUpdates:Backplane</c>).</summary>
public enum LiveUpdatesBackplane
{
    /// <summary>PostgreSQL <c>LISTEN/NOTIFY</c> when the database is PostgreSQL; in-process otherwise.</summary>
    Auto = 0,

    /// <summary>Changes stay in this process: one instance only.</summary>
    InProcess = 1,
}

/// <summary>Settings of the <c>LiveUpdates</c> section.</summary>
public sealed class LiveUpdatesOptions
{
    public const string SectionName = "LiveUpdates";

    public LiveUpdatesBackplane Backplane { get; set; } = LiveUpdatesBackplane.Auto;

    /// <summary>First wait before the listener reconnects; doubled at each failure up to <see cref="ReconnectMaxDelaySeconds"/>.</summary>
    public int ReconnectInitialDelayMilliseconds { get; set; } = 1000;

    public int ReconnectMaxDelaySeconds { get; set; } = 30;

    public TimeSpan ReconnectInitialDelay => TimeSpan.FromMilliseconds(ReconnectInitialDelayMilliseconds);

    public TimeSpan ReconnectMaxDelay => TimeSpan.FromSeconds(Math.Max(ReconnectMaxDelaySeconds, 1));

    public IEnumerable<string> Validate()
    {
        if (ReconnectInitialDelayMilliseconds is < 10 or > 60_000)
        {
            yield return $"{nameof(ReconnectInitialDelayMilliseconds)} must be between 10 and 60000.";
        }

        if (ReconnectMaxDelaySeconds is < 1 or > 3600)
        {
            yield return $"{nameof(ReconnectMaxDelaySeconds)} must be between 1 and 3600.";
        }
    }
}
