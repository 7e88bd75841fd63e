namespace TeleSurv.Portal.Domain.Scheduling;

/// <summary>
/// How questionnaire weeks are laid out, bound from configuration (section "Schedule"). Defaults: a week's
/// questionnaire opens 2 days before its due date; days are those of Europe/Paris.
/// </summary>
public sealed class ScheduleOptions
{
    public const string SectionName = "Schedule";

    /// <summary>Days (0-6) before its due date that a week's questionnaire can be answered.</summary>
    public int OpenDaysBefore { get; set; } = 2;

    /// <summary>Time zone (IANA id) of the patients' calendar days.</summary>
    public string TimeZoneId { get; set; } = "Europe/Paris";

    /// <exception cref="TimeZoneNotFoundException">The id is not a time zone of this system.</exception>
    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>Every problem with the values; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (OpenDaysBefore is < 0 or > 6)
        {
            problems.Add($"{nameof(OpenDaysBefore)} must be 0 to 6.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId ?? "", out _))
        {
            problems.Add($"{nameof(TimeZoneId)} '{TimeZoneId}' is not a known time zone.");
        }

        return problems;
    }
}
