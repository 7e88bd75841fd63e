using System.Globalization;

namespace TeleSurv.Portal.Hl7;

/// <summary>The DTM/TS format: <c>YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]</c>.</summary>
public static class Hl7Timestamp
{
    /// <summary>Writes a timestamp to the second with its offset, such as <c>20250314093000+0100</c>.</summary>
    public static string Format(DateTimeOffset value) =>
        value.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
        + (value.Offset < TimeSpan.Zero ? "-" : "+")
        + value.Offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a timestamp of any precision the format allows. Without an offset the value is taken at
    /// <paramref name="assumedOffset"/> (the sender's local time: for France, the host passes the Paris offset).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, TimeSpan assumedOffset, out DateTimeOffset value)
    {
        value = default;
        text = text.Trim();
        var offset = assumedOffset;
        var sign = text.IndexOfAny('+', '-');
        if (sign >= 0)
        {
            var zone = text[(sign + 1)..];
            if (zone.Length != 4 || !int.TryParse(zone[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                || !int.TryParse(zone[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || hours > 14 || minutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0);
            if (text[sign] == '-')
            {
                offset = -offset;
            }

            text = text[..sign];
        }

        var fraction = 0.0;
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            var digits = text[(dot + 1)..];
            if (dot != 14 || digits.Length is < 1 or > 4 || !double.TryParse("0." + digits.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out fraction))
            {
                return false;
            }

            text = text[..dot];
        }

        if (text.Length is not (4 or 6 or 8 or 10 or 12 or 14) || text.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var year = int.Parse(text[..4], CultureInfo.InvariantCulture);
        var month = text.Length >= 6 ? int.Parse(text[4..6], CultureInfo.InvariantCulture) : 1;
        var day = text.Length >= 8 ? int.Parse(text[6..8], CultureInfo.InvariantCulture) : 1;
        var hour = text.Length >= 10 ? int.Parse(text[8..10], CultureInfo.InvariantCulture) : 0;
        var minute = text.Length >= 12 ? int.Parse(text[10..12], CultureInfo.InvariantCulture) : 0;
        var second = text.Length >= 14 ? int.Parse(text[12..14], CultureInfo.InvariantCulture) : 0;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks((long)(fraction * TimeSpan.TicksPerSecond));
        return true;
    }
}
