using TeleSurv.Portal.Domain.Scheduling;

namespace TeleSurv.Portal.Domain.Tests.Scheduling;

public class CalendarDayTests
{
    [Fact]
    public void A_day_whose_midnight_is_skipped_by_a_clock_change_starts_at_the_first_existing_time()
    {
        // Chile moves its clocks from 00:00 to 01:00 on 8 September 2024 (UTC-4 to UTC-3).
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        Assert.Equal(new DateTime(2024, 9, 8, 4, 0, 0, DateTimeKind.Utc), CalendarDay.StartUtc(new DateOnly(2024, 9, 8), santiago));
        Assert.Equal(new DateTime(2024, 9, 7, 4, 0, 0, DateTimeKind.Utc), CalendarDay.StartUtc(new DateOnly(2024, 9, 7), santiago));
    }

    [Theory]
    [InlineData(21, 59, "2025-07-10")]
    [InlineData(22, 0, "2025-07-11")]
    public void The_calendar_day_of_an_instant_is_the_local_one(int utcHour, int minute, string day)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        Assert.Equal(
            DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            CalendarDay.Of(new DateTime(2025, 7, 10, utcHour, minute, 0, DateTimeKind.Utc), paris));
    }
}
