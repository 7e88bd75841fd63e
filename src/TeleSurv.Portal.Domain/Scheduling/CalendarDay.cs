namespace TeleSurv.Portal.Domain.Scheduling;

/// <summary>Day boundaries of a time zone, as UTC instants: the portal's dates are the patient's calendar days.</summary>
public static class CalendarDay
{
    /// <summary>The first instant of a calendar day in a time zone, in UTC.</summary>
    public static DateTime StartUtc(DateOnly date, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // Where a clock change skips midnight, the day starts at the first local time that exists.
        while (timeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, timeZone);
    }

    /// <summary>The calendar day, in a time zone, of a UTC instant.</summary>
    public static DateOnly Of(DateTime utc, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(RequireUtc(utc, nameof(utc)), timeZone));
    }

    /// <summary>Accepts a UTC (or unspecified, read as UTC) time; refuses a local one, whose zone is the server's.</summary>
    internal static DateTime RequireUtc(DateTime value, string paramName) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new ArgumentException("A UTC time is expected.", paramName),
    };
}
