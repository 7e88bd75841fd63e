using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Tests.Questionnaires;
using TeleSurv.Portal.Domain.Auditing;

namespace TeleSurv.Portal.Application.Tests.PatientLinks;

public sealed class RefusedLinkBurstsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Refusals_past_the_threshold_are_counted_by_reason_and_summarised_once_the_window_ends()
    {
        var clock = new ManualClock(Start);
        var bursts = new RefusedLinkBursts(new RefusedLinkBurstOptions { Threshold = 3, Window = TimeSpan.FromMinutes(1) }, clock);

        var written = Enumerable.Range(0, 10).Select(_ => bursts.Admit("203.0.113.7", "Unknown")).ToList();
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(bursts.Admit("203.0.113.7", "Expired"));
        bursts.CountRateLimited("203.0.113.7");
        bursts.CountRateLimited("203.0.113.7");

        Assert.Equal([true, true, true, false, false, false, false, false, false, false], written);
        Assert.Empty(bursts.TakeSummaries());

        clock.Advance(TimeSpan.FromSeconds(50));
        var summary = Assert.Single(bursts.TakeSummaries());
        Assert.Equal(RefusedLinkBursts.SummaryAction, summary.Action);
        Assert.Equal(AuditOutcome.Denied, summary.Outcome);
        Assert.Equal(PatientLinkAccess.AuditActor, summary.Actor);
        Assert.Equal(
            "10 further patient links refused from 203.0.113.7 between 2026-12-07T09:00:00Z and 2026-12-07T09:00:10Z "
            + "(Expired: 1, RateLimited: 2, Unknown: 7). The first 3 have entries of their own.",
            summary.Detail);
        Assert.Empty(bursts.TakeSummaries());
    }

    [Fact]
    public void Each_address_has_its_own_burst_and_a_new_window_writes_again()
    {
        var clock = new ManualClock(Start);
        var bursts = new RefusedLinkBursts(new RefusedLinkBurstOptions { Threshold = 1, Window = TimeSpan.FromMinutes(1) }, clock);

        Assert.True(bursts.Admit("203.0.113.7", "Unknown"));
        Assert.False(bursts.Admit("203.0.113.7", "Unknown"));
        Assert.True(bursts.Admit("198.51.100.2", "Revoked"));
        Assert.True(bursts.Admit(null, "Unknown"));

        clock.Advance(TimeSpan.FromMinutes(1));

        // The next refusal after the window opens a new one and leaves the old burst's summary to be written.
        Assert.True(bursts.Admit("203.0.113.7", "Unknown"));
        var summary = Assert.Single(bursts.TakeSummaries());
        Assert.StartsWith("1 further patient links refused from 203.0.113.7 ", summary.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_burst_below_the_threshold_leaves_no_summary()
    {
        var clock = new ManualClock(Start);
        var bursts = new RefusedLinkBursts(new RefusedLinkBurstOptions { Threshold = 5 }, clock);

        Assert.All(Enumerable.Range(0, 5), _ => Assert.True(bursts.Admit("203.0.113.7", "Unknown")));
        clock.Advance(TimeSpan.FromHours(1));

        Assert.Empty(bursts.TakeSummaries(all: true));
    }

    [Fact]
    public void At_shutdown_the_bursts_in_progress_are_summarised()
    {
        var clock = new ManualClock(Start);
        var bursts = new RefusedLinkBursts(new RefusedLinkBurstOptions { Threshold = 0 }, clock);

        Assert.False(bursts.Admit("203.0.113.7", "Unknown"));
        Assert.Empty(bursts.TakeSummaries());

        var summary = Assert.Single(bursts.TakeSummaries(all: true));
        Assert.Equal(
            "1 further patient links refused from 203.0.113.7 between 2026-12-07T09:00:00Z and 2026-12-07T09:00:00Z (Unknown: 1).",
            summary.Detail);
    }

    [Fact]
    public void Addresses_beyond_the_bound_are_counted_together_without_entries_of_their_own()
    {
        var clock = new ManualClock(Start);
        var bursts = new RefusedLinkBursts(new RefusedLinkBurstOptions { Threshold = 10, MaxAddresses = 2 }, clock);

        Assert.True(bursts.Admit("192.0.2.1", "Unknown"));
        Assert.True(bursts.Admit("192.0.2.2", "Unknown"));
        var beyond = Enumerable.Range(3, 50).Select(n => bursts.Admit($"192.0.2.{n}", "Unknown")).ToList();

        Assert.All(beyond, Assert.False);
        var summary = Assert.Single(bursts.TakeSummaries(all: true));
        Assert.StartsWith("50 further patient links refused from other addresses ", summary.Detail, StringComparison.Ordinal);
    }
}
