using TeleSurv.Portal.Domain.Enrollments;

namespace TeleSurv.Portal.Domain.Scheduling;

/// <summary>
/// The questionnaires of one enrollment. The first is due on the first questionnaire day on or after the start
/// date, then one every <c>cadenceWeeks</c> weeks while the due date is on or before the prescription end.
/// Each week's questionnaire opens at the start of the day <c>openDaysBefore</c> days before its due date (the
/// first never before the start date) and accepts answers until the next one opens; the last keeps a window of
/// the same length. Windows follow each other without gap or overlap, so a response belongs to exactly one week.
/// Days are calendar days of the given time zone.
/// </summary>
public sealed class QuestionnaireSchedule
{
    public QuestionnaireSchedule(
        DateOnly startDate,
        DateOnly prescriptionEnd,
        int cadenceWeeks,
        DayOfWeek questionnaireDay,
        int openDaysBefore,
        TimeZoneInfo timeZone)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cadenceWeeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cadenceWeeks, 52);
        ArgumentOutOfRangeException.ThrowIfNegative(openDaysBefore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(openDaysBefore, 6);
        if (!Enum.IsDefined(questionnaireDay))
        {
            throw new ArgumentOutOfRangeException(nameof(questionnaireDay), questionnaireDay, null);
        }

        ArgumentNullException.ThrowIfNull(timeZone);
        if (prescriptionEnd.DayNumber - startDate.DayNumber > 3660)
        {
            throw new ArgumentException("A schedule spans at most ten years.", nameof(prescriptionEnd));
        }

        TimeZone = timeZone;
        var period = cadenceWeeks * 7;
        var firstDue = startDate.AddDays(((int)questionnaireDay - (int)startDate.DayOfWeek + 7) % 7);
        var weeks = new List<ScheduledWeek>();
        for (var due = firstDue; due <= prescriptionEnd; due = due.AddDays(period))
        {
            var opens = due.AddDays(-openDaysBefore);
            if (weeks.Count == 0 && opens < startDate)
            {
                opens = startDate;
            }

            weeks.Add(new ScheduledWeek(
                weeks.Count + 1,
                due,
                CalendarDay.StartUtc(opens, timeZone),
                CalendarDay.StartUtc(due.AddDays(period - openDaysBefore), timeZone)));
        }

        Weeks = weeks;
    }

    /// <summary>Every scheduled week in order (empty when the prescription ends before the first questionnaire day).</summary>
    public IReadOnlyList<ScheduledWeek> Weeks { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The schedule of an enrollment.</summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="ScheduleOptions.Validate"/>).</exception>
    public static QuestionnaireSchedule For(Enrollment enrollment, ScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid schedule options: " + string.Join(" ", problems), nameof(options));
        }

        return new QuestionnaireSchedule(
            enrollment.StartDate,
            enrollment.PrescriptionEnd,
            enrollment.CadenceWeeks,
            enrollment.QuestionnaireDay,
            options.OpenDaysBefore,
            options.ResolveTimeZone());
    }

    /// <summary>The week a response submitted at this time (UTC) belongs to; null before the first window opens or after the last closes.</summary>
    public ScheduledWeek? WeekFor(DateTime submittedAt)
    {
        var at = CalendarDay.RequireUtc(submittedAt, nameof(submittedAt));
        foreach (var week in Weeks)
        {
            if (week.Accepts(at))
            {
                return week;
            }
        }

        return null;
    }

    /// <summary>The week due on a date; null when no questionnaire is due that day.</summary>
    public ScheduledWeek? WeekDueOn(DateOnly dueDate) => Weeks.FirstOrDefault(w => w.DueDate == dueDate);

    /// <summary>The weeks whose due date is on or before a date, in order.</summary>
    public IReadOnlyList<ScheduledWeek> DueUpTo(DateOnly date) => [.. Weeks.TakeWhile(w => w.DueDate <= date)];
}
