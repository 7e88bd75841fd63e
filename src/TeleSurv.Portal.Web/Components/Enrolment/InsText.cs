namespace TeleSurv.Portal.Web.Components.Enrolment;

/// <summary>
/// The INS (NIR or NIA) as people read it on the Carte Vitale, "2 61 09 75 115 012 07": sex, year, month,
/// department (2A or 2B in Corsica), commune, order and check key. The field is grouped once it is left rather than
/// masked key by key: a mask run on the server (MudBlazor's, on Blazor Server) reorders digits typed quickly.
/// </summary>
public static class InsText
{
    private static readonly int[] GroupLengths = [1, 2, 2, 2, 3, 3, 2];

    /// <summary>The characters of the INS alone, upper case (2A, 2B); null when nothing was typed.</summary>
    public static string? Compact(string? typed) =>
        string.IsNullOrWhiteSpace(typed) ? null : string.Concat(typed.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>
    /// The INS in its groups; what cannot be an INS (a character other than a digit, A or B, more than 15) is left as
    /// typed, so that the message about it is read against what the user wrote.
    /// </summary>
    public static string? Grouped(string? typed)
    {
        var compact = Compact(typed);
        if (compact is null || compact.Length > GroupLengths.Sum() || !compact.All(c => char.IsAsciiDigit(c) || c is 'A' or 'B'))
        {
            return compact is null ? null : typed!.Trim();
        }

        var groups = new List<string>();
        var at = 0;
        foreach (var length in GroupLengths)
        {
            if (at >= compact.Length)
            {
                break;
            }

            var take = Math.Min(length, compact.Length - at);
            groups.Add(compact.Substring(at, take));
            at += take;
        }

        return string.Join(' ', groups);
    }
}
