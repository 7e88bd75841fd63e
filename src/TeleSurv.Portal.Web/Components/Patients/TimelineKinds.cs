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
        [TimelineEntryKind.Response] = ("bi-ui-checks", "Timeline.Kind.Response"),
        [TimelineEntryKind.Alert] = ("bi-bell", "Timeline.Kind.Alert"),
        [TimelineEntryKind.Action] = ("bi-person-gear", "Timeline.Kind.Action"),
        [TimelineEntryKind.Movement] = ("bi-hospital", "Timeline.Kind.Movement"),
    };

    public static string Icon(TimelineEntryKind kind) => Known.TryGetValue(kind, out var shown) ? shown.Icon : "bi-dot";

    public static string NameKey(TimelineEntryKind kind) => Known.TryGetValue(kind, out var shown) ? shown.NameKey : "Timeline.Kind.Other";
}
