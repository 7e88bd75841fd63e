namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>
/// A nurse's statement that a symptom is expected up to a grade for a while (at most 30 days):
/// findings at or below it do not alert.
/// </summary>
public sealed class ExpectedLevel : Entity
{
    public Guid EnrollmentId { get; init; }

    public required string ItemKey { get; init; }

    /// <summary>Highest composite grade (0-3) that is expected and does not alert.</summary>
    public int MaxGrade { get; init; }

    public DateTime From { get; init; }

    public DateTime Until { get; init; }

    public Guid SetById { get; init; }

    public string? Reason { get; init; }

    public DateTime? CancelledAt { get; set; }

    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    public bool AppliesAt(DateTime at) => CancelledAt is null && at >= From && at < Until;
}
