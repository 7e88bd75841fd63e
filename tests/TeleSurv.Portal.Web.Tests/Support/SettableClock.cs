namespace TeleSurv.Portal.Web.Tests.Support;

/// <summary>A clock a test moves by hand, from 7 December 2026 08:00 UTC.</summary>
public sealed class SettableClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
