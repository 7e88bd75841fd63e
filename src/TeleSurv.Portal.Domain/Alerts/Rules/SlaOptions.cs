namespace TeleSurv.Portal.Domain.Alerts.Rules;

/// <summary>
/// Time allowed to handle an alert, by priority, in calendar hours (nights and weekends count), bound from
/// configuration (section "Sla"). Defaults: Urgent 2 h, High 12 h, Medium 48 h, Low 72 h.
/// </summary>
public sealed class SlaOptions
{
    public const string SectionName = "Sla";

    public int UrgentHours { get; set; } = 2;

    public int HighHours { get; set; } = 12;

    public int MediumHours { get; set; } = 48;

    public int LowHours { get; set; } = 72;

    public TimeSpan TargetFor(AlertPriority priority) => TimeSpan.FromHours(priority switch
    {
        AlertPriority.Urgent => UrgentHours,
        AlertPriority.High => HighHours,
        AlertPriority.Medium => MediumHours,
        AlertPriority.Low => LowHours,
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
    });

    /// <summary>Every problem with the values; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        int[] targets = [UrgentHours, HighHours, MediumHours, LowHours];
        if (targets.Any(h => h is < 1 or > 720))
        {
            problems.Add("Every SLA target is 1 to 720 hours.");
        }

        if (targets.Zip(targets.Skip(1)).Any(pair => pair.First > pair.Second))
        {
            problems.Add("A more urgent priority cannot have a longer SLA target.");
        }

        return problems;
    }
}
