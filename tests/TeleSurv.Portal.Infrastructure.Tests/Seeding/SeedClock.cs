namespace TeleSurv.Portal.Infrastructure.Tests.Seeding;

/// <summary>A clock stopped at one instant: the seed day of a test.</summary>
internal sealed class SeedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
