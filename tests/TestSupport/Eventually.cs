using System.Diagnostics;

namespace TeleSurv.Portal.TestSupport;

/// <summary>
/// Waits for what another thread, host or process does: checks the condition at once, then again every few tens of
/// milliseconds, and fails the test, saying what did not happen, once the patience is spent. The patience is generous:
/// it is spent only by a failure, and a loaded machine must not turn a slow success into one.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(20);

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, patience);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var limit = patience ?? DefaultPatience;
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(10);
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Not within {limit.TotalSeconds:0} s: {what}.");
            }

            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));
        }
    }
}
