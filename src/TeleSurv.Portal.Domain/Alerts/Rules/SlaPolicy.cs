using TeleSurv.Portal.Domain.Scheduling;

namespace TeleSurv.Portal.Domain.Alerts.Rules;

/// <summary>When an alert must have been handled: raised time plus the target of its priority, in calendar time.</summary>
public sealed class SlaPolicy
{
    private readonly SlaOptions _options;

    /// <exception cref="ArgumentException">The options are invalid (see <see cref="SlaOptions.Validate"/>).</exception>
    public SlaPolicy(SlaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SLA options: " + string.Join(" ", problems), nameof(options));
        }

        _options = new SlaOptions
        {
            UrgentHours = options.UrgentHours,
            HighHours = options.HighHours,
            MediumHours = options.MediumHours,
            LowHours = options.LowHours,
        };
    }

    public DateTime DueAt(DateTime raisedAt, AlertPriority priority) =>
        CalendarDay.RequireUtc(raisedAt, nameof(raisedAt)) + _options.TargetFor(priority);
}
