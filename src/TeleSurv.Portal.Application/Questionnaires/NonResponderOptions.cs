namespace TeleSurv.Portal.Application.Questionnaires;

/// <summary>
/// How missed questionnaires are looked for, bound from configuration (section "Clinical:NonResponder").
/// Defaults: every 15 minutes, looking back over the weeks due in the last 28 days. The grace period after a
/// due date is an alert rule (<c>Clinical:AlertRules:NonResponderGraceDays</c>).
/// </summary>
public sealed class NonResponderOptions
{
    public const string SectionName = "NonResponder";

    /// <summary>Whether the portal runs the periodic check itself (turn off where another instance runs it).</summary>
    public bool JobEnabled { get; set; } = true;

    /// <summary>Minutes (1-1440) between two checks.</summary>
    public int IntervalMinutes { get; set; } = 15;

    /// <summary>
    /// Days (7-366) back from today over which weeks are checked: older missed weeks (a follow-up resumed after a
    /// pause, a portal stopped for a while) are history, and flooding the queue with them would hide today's.
    /// </summary>
    public int LookbackDays { get; set; } = 28;

    public TimeSpan Interval => TimeSpan.FromMinutes(IntervalMinutes);

    /// <summary>Every problem with the values; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (IntervalMinutes is < 1 or > 1440)
        {
            problems.Add($"{nameof(IntervalMinutes)} must be 1 to 1440.");
        }

        if (LookbackDays is < 7 or > 366)
        {
            problems.Add($"{nameof(LookbackDays)} must be 7 to 366.");
        }

        return problems;
    }
}
