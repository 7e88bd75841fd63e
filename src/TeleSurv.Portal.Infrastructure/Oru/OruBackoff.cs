namespace TeleSurv.Portal.Infrastructure.Oru;

/// <summary>
/// Wait before the next attempt: doubles with each failed attempt up to a ceiling, and is drawn at random in the
/// upper half of that span ("equal jitter"), so that senders restarted together do not knock at the same time.
/// </summary>
public static class OruBackoff
{
    /// <param name="failedAttempts">Attempts that failed so far, at least 1.</param>
    /// <param name="random">A number in [0, 1).</param>
    public static TimeSpan Delay(int failedAttempts, TimeSpan initial, TimeSpan max, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(random, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(random, 1d);

        // 2^30 times any initial wait is past any ceiling: stop doubling there rather than overflow.
        var doublings = Math.Min(failedAttempts - 1, 30);
        var ceiling = Math.Min(initial.TotalMilliseconds * Math.Pow(2, doublings), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (random * ceiling / 2));
    }
}
