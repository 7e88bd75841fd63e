using MudBlazor;
using TeleSurv.Portal.Application.Patients;

namespace TeleSurv.Portal.Web.Components.Patients;

/// <summary>
/// How the chart's timeline shows each kind of entry: its icon and its name. A new kind of entry adds its line here
/// and its name to the resources; an unknown kind still shows, with a neutral icon.
/// </summary>
public static class TimelineKinds
{
    private static readonly Dictionary<TimelineEntryKind, (string Icon, string NameKey)> Known = new()
    {
        [TimelineEntryKind.Response] = (Icons.Material.Outlined.Assignment, "Timeline.Kind.Response"),
        [TimelineEntryKind.Alert] = (Icons.Material.Outlined.NotificationsActive, "Timeline.Kind.Alert"),
        [TimelineEntryKind.Action] = (Icons.Material.Outlined.ManageAccounts, "Timeline.Kind.Action"),
        [TimelineEntryKind.Movement] = (Icons.Material.Outlined.LocalHospital, "Timeline.Kind.Movement"),
    };

    /// <summary>The kinds the timeline can be filtered on, in the order they are offered.</summary>
    public static IReadOnlyList<TimelineEntryKind> Filterable { get; } = [.. Known.Keys];

    public static string Icon(TimelineEntryKind kind) => Known.TryGetValue(kind, out var shown) ? shown.Icon : Icons.Material.Outlined.Circle;

    public static string NameKey(TimelineEntryKind kind) => Known.TryGetValue(kind, out var shown) ? shown.NameKey : "Timeline.Kind.Other";

    /// <summary>
    /// The entries of a page grouped by the week (Monday to Sunday, in the care teams' time zone) they happened in,
    /// newest week first, each keeping the page's order.
    /// </summary>
    public static IReadOnlyList<TimelineWeek> ByWeek(IEnumerable<TimelineEntry> entries, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(timeZone);
        return
        [
            .. entries
                .GroupBy(entry => WeekStart(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(entry.At, DateTimeKind.Utc), timeZone))))
                .Select(group => new TimelineWeek(group.Key, [.. group]))
                .OrderByDescending(week => week.Monday),
        ];
    }

    private static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}

/// <summary>The timeline entries of one week, starting on its Monday.</summary>
public sealed record TimelineWeek(DateOnly Monday, IReadOnlyList<TimelineEntry> Entries);
