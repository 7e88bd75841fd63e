using System.Globalization;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Scheduling;

namespace TeleSurv.Portal.Domain.Tests.Scheduling;

public class QuestionnaireScheduleTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData("2025-01-06", "2025-03-31", 1, DayOfWeek.Monday, "2025-01-06", 13)]
    [InlineData("2025-01-08", "2025-03-31", 1, DayOfWeek.Monday, "2025-01-13", 12)]
    [InlineData("2025-01-06", "2025-03-30", 1, DayOfWeek.Monday, "2025-01-06", 12)]
    [InlineData("2025-01-06", "2025-03-31", 2, DayOfWeek.Monday, "2025-01-06", 7)]
    [InlineData("2025-01-06", "2025-03-31", 3, DayOfWeek.Thursday, "2025-01-09", 4)]
    [InlineData("2025-01-06", "2025-01-12", 1, DayOfWeek.Sunday, "2025-01-12", 1)]
    public void Due_dates_start_on_the_first_questionnaire_day_and_follow_the_cadence_until_the_prescription_ends(
        string start, string end, int cadence, DayOfWeek day, string firstDue, int count)
    {
        var schedule = new QuestionnaireSchedule(Date(start), Date(end), cadence, day, 2, TimeZoneInfo.Utc);

        Assert.Equal(count, schedule.Weeks.Count);
        Assert.Equal(Date(firstDue), schedule.Weeks[0].DueDate);
        Assert.All(schedule.Weeks, w => Assert.Equal(day, w.DueDate.DayOfWeek));
        Assert.All(schedule.Weeks.Zip(schedule.Weeks.Skip(1)), p => Assert.Equal(cadence * 7, p.Second.DueDate.DayNumber - p.First.DueDate.DayNumber));
        Assert.True(schedule.Weeks[^1].DueDate <= Date(end));
        Assert.Equal(Enumerable.Range(1, count), schedule.Weeks.Select(w => w.Number));
    }

    [Fact]
    public void A_prescription_ending_before_the_first_questionnaire_day_schedules_nothing()
    {
        var schedule = new QuestionnaireSchedule(Date("2025-01-07"), Date("2025-01-12"), 1, DayOfWeek.Monday, 2, TimeZoneInfo.Utc);

        Assert.Empty(schedule.Weeks);
        Assert.Null(schedule.WeekFor(Utc("2025-01-08T10:00:00")));
    }

    [Fact]
    public void A_week_opens_two_days_before_its_due_date_and_closes_when_the_next_opens()
    {
        var schedule = new QuestionnaireSchedule(Date("2025-01-01"), Date("2025-02-28"), 1, DayOfWeek.Monday, 2, TimeZoneInfo.Utc);

        Assert.Equal(
            new ScheduledWeek(1, Date("2025-01-06"), Utc("2025-01-04T00:00:00"), Utc("2025-01-11T00:00:00")),
            schedule.Weeks[0]);
        Assert.Equal(
            new ScheduledWeek(2, Date("2025-01-13"), Utc("2025-01-11T00:00:00"), Utc("2025-01-18T00:00:00")),
            schedule.Weeks[1]);
        Assert.Equal(Utc("2025-03-01T00:00:00"), schedule.Weeks[^1].ClosesAt);
    }

    [Fact]
    public void The_first_window_never_opens_before_the_enrollment_starts()
    {
        var schedule = new QuestionnaireSchedule(Date("2025-01-05"), Date("2025-02-28"), 1, DayOfWeek.Monday, 2, TimeZoneInfo.Utc);

        Assert.Equal(Utc("2025-01-05T00:00:00"), schedule.Weeks[0].OpensAt);
        Assert.Null(schedule.WeekFor(Utc("2025-01-04T23:59:59")));
        Assert.Equal(1, schedule.WeekFor(Utc("2025-01-05T00:00:00"))!.Number);
    }

    [Theory]
    [InlineData("2025-01-03T23:59:59.9999999", null)]
    [InlineData("2025-01-04T00:00:00", 1)]
    [InlineData("2025-01-06T12:00:00", 1)]
    [InlineData("2025-01-10T23:59:59.9999999", 1)]
    [InlineData("2025-01-11T00:00:00", 2)]
    [InlineData("2025-02-28T23:59:59", 8)]
    [InlineData("2025-03-01T00:00:00", null)]
    public void A_submission_belongs_to_the_week_whose_window_holds_it(string submittedAt, int? week)
    {
        var schedule = new QuestionnaireSchedule(Date("2025-01-01"), Date("2025-02-28"), 1, DayOfWeek.Monday, 2, TimeZoneInfo.Utc);

        Assert.Equal(week, schedule.WeekFor(Utc(submittedAt))?.Number);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 2)]
    [InlineData(1, 6)]
    [InlineData(2, 3)]
    [InlineData(4, 6)]
    public void Every_moment_from_the_first_opening_to_the_last_closing_belongs_to_exactly_one_week(int cadence, int openDaysBefore)
    {
        var schedule = new QuestionnaireSchedule(Date("2025-01-02"), Date("2025-12-31"), cadence, DayOfWeek.Wednesday, openDaysBefore, Paris);

        for (var at = schedule.Weeks[0].OpensAt; at < schedule.Weeks[^1].ClosesAt; at = at.AddMinutes(30))
        {
            Assert.Single(schedule.Weeks, w => w.Accepts(at));
            Assert.True(schedule.WeekFor(at)!.Accepts(at));
        }

        Assert.All(schedule.Weeks.Zip(schedule.Weeks.Skip(1)), p => Assert.Equal(p.First.ClosesAt, p.Second.OpensAt));
    }

    [Fact]
    public void Windows_follow_the_patients_calendar_days()
    {
        var paris = new QuestionnaireSchedule(Date("2025-01-01"), Date("2025-06-30"), 1, DayOfWeek.Monday, 2, Paris);
        var utc = new QuestionnaireSchedule(Date("2025-01-01"), Date("2025-06-30"), 1, DayOfWeek.Monday, 2, TimeZoneInfo.Utc);

        // Saturday 00:30 in Paris is still Friday in UTC.
        Assert.Equal(2, paris.WeekFor(Utc("2025-01-10T23:30:00"))!.Number);
        Assert.Equal(1, utc.WeekFor(Utc("2025-01-10T23:30:00"))!.Number);

        // Across the spring clock change (30 March 2025) windows open at local midnight.
        var spring = paris.WeekDueOn(Date("2025-03-31"))!;
        Assert.Equal((Utc("2025-03-28T23:00:00"), Utc("2025-04-04T22:00:00")), (spring.OpensAt, spring.ClosesAt));
    }

    [Fact]
    public void The_weeks_due_up_to_a_date_include_that_date()
    {
        var schedule = new QuestionnaireSchedule(Date("2025-01-06"), Date("2025-03-31"), 1, DayOfWeek.Monday, 2, TimeZoneInfo.Utc);

        Assert.Equal([Date("2025-01-06"), Date("2025-01-13"), Date("2025-01-20")],
            schedule.DueUpTo(Date("2025-01-20")).Select(w => w.DueDate));
        Assert.Equal(2, schedule.DueUpTo(Date("2025-01-19")).Count);
        Assert.Empty(schedule.DueUpTo(Date("2025-01-05")));
        Assert.Equal(13, schedule.DueUpTo(Date("2026-01-01")).Count);
    }

    [Fact]
    public void A_week_is_found_by_its_due_date()
    {
        var schedule = new QuestionnaireSchedule(Date("2025-01-06"), Date("2025-03-31"), 2, DayOfWeek.Monday, 2, TimeZoneInfo.Utc);

        Assert.Equal(2, schedule.WeekDueOn(Date("2025-01-20"))!.Number);
        Assert.Null(schedule.WeekDueOn(Date("2025-01-13")));
    }

    [Fact]
    public void An_enrollments_schedule_uses_its_start_cadence_day_and_prescription_end()
    {
        var enrollment = new Enrollment
        {
            StartDate = Date("2025-01-08"),
            PrescriptionEnd = Date("2025-03-31"),
            CadenceWeeks = 2,
            QuestionnaireDay = DayOfWeek.Friday,
        };

        var schedule = QuestionnaireSchedule.For(enrollment, new ScheduleOptions { OpenDaysBefore = 1 });

        Assert.Equal(Date("2025-01-10"), schedule.Weeks[0].DueDate);
        Assert.Equal(Date("2025-01-24"), schedule.Weeks[1].DueDate);
        Assert.Equal(Utc("2025-01-22T23:00:00"), schedule.Weeks[1].OpensAt);
        Assert.Equal("Europe/Paris", schedule.TimeZone.Id);
    }

    [Theory]
    [InlineData(-1, "Europe/Paris", "OpenDaysBefore")]
    [InlineData(7, "Europe/Paris", "OpenDaysBefore")]
    [InlineData(2, "Mars/Olympus_Mons", "TimeZoneId")]
    public void Invalid_schedule_options_are_refused(int openDaysBefore, string timeZone, string named)
    {
        var options = new ScheduleOptions { OpenDaysBefore = openDaysBefore, TimeZoneId = timeZone };
        var enrollment = new Enrollment { StartDate = Date("2025-01-06"), PrescriptionEnd = Date("2025-03-31") };

        Assert.Contains(options.Validate(), p => p.Contains(named, StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => QuestionnaireSchedule.For(enrollment, options));
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(53, 2)]
    [InlineData(1, -1)]
    [InlineData(1, 7)]
    public void Impossible_cadences_and_openings_are_refused(int cadence, int openDaysBefore)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuestionnaireSchedule(
            Date("2025-01-06"), Date("2025-03-31"), cadence, DayOfWeek.Monday, openDaysBefore, TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_submission_time_that_is_not_utc_is_refused()
    {
        var schedule = new QuestionnaireSchedule(Date("2025-01-06"), Date("2025-03-31"), 1, DayOfWeek.Monday, 2, TimeZoneInfo.Utc);

        Assert.Throws<ArgumentException>(() => schedule.WeekFor(DateTime.Now));
    }

    private static DateOnly Date(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private static DateTime Utc(string text) =>
        DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
