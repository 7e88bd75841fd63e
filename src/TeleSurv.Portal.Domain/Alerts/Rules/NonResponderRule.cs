using TeleSurv.Portal.Domain.Scheduling;

namespace TeleSurv.Portal.Domain.Alerts.Rules;

/// <summary>
/// Non-responder rule. A week is due on its due date (the whole calendar day, in the patient's time zone); the
/// patient then has <c>graceDays</c> further full days. Without a response, the week is missed from the first
/// instant of day <c>dueDate + graceDays + 1</c>: with the default 3 days, a week due on Monday is missed from
/// Friday 00:00, and still answered in time on Thursday 23:59:59.
/// </summary>
public static class NonResponderRule
{
    /// <summary>The first instant (UTC) at which the week counts as missed if still unanswered.</summary>
    public static DateTime MissedAt(DateOnly dueDate, int graceDays, TimeZoneInfo timeZone)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(graceDays);
        return CalendarDay.StartUtc(dueDate.AddDays(graceDays + 1), timeZone);
    }

    public static bool IsMissed(DateOnly dueDate, int graceDays, DateTime now, bool hasResponse, TimeZoneInfo timeZone) =>
        !hasResponse && CalendarDay.RequireUtc(now, nameof(now)) >= MissedAt(dueDate, graceDays, timeZone);
}
