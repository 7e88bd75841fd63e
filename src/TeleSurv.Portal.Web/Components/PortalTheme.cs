using MudBlazor;
using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Web.Components;

/// <summary>
/// The portal's one MudBlazor theme, light and dark (nurses work nights), and the look of the alert priorities:
/// every screen takes its colours, icons and words from here, so a priority never shows by colour alone.
/// </summary>
public static class PortalTheme
{
    /// <summary>A system font stack: the portal loads no web font (the CSP allows fonts from the portal only).</summary>
    private static readonly string[] FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5394",
            PrimaryDarken = "#083d6e",
            Secondary = "#5a6573",
            Error = "#b3261e",
            Warning = "#b54708",
            Info = "#1f4fa8",
            Success = "#1e7a45",
            Background = "#f3f5f8",
            Surface = "#ffffff",
            TextPrimary = "#1c2430",
            TextSecondary = "#5a6573",
            AppbarBackground = "#0b5394",
            AppbarText = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1c2430",
            LinesDefault = "#d9dee5",
            TableLines = "#d9dee5",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4f8",
            PrimaryDarken = "#5e97f6",
            Secondary = "#aab4c0",
            Error = "#f2b8b5",
            Warning = "#ffb877",
            Info = "#a8c7fa",
            Success = "#7fd1a0",
            Background = "#121417",
            Surface = "#1c1f24",
            TextPrimary = "#e6e9ee",
            TextSecondary = "#aab4c0",
            AppbarBackground = "#1c1f24",
            AppbarText = "#e6e9ee",
            DrawerBackground = "#1c1f24",
            DrawerText = "#e6e9ee",
            LinesDefault = "#3a3f47",
            TableLines = "#3a3f47",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
            // Buttons say their act as written ("Prendre en charge"): capitals read slower and take a third more width.
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };

    /// <summary>Colour, icon and word of each priority; the colours pass WCAG AA on their background.</summary>
    public static IReadOnlyDictionary<AlertPriority, PriorityLook> Priorities { get; } = new Dictionary<AlertPriority, PriorityLook>
    {
        [AlertPriority.Urgent] = new(AlertPriority.Urgent, Icons.Material.Filled.Report, new("#b3261e", "#fdecea"), new("#ffb4ab", "#4a1512")),
        [AlertPriority.High] = new(AlertPriority.High, Icons.Material.Filled.Warning, new("#b54708", "#fff1e6"), new("#ffb877", "#47260a")),
        [AlertPriority.Medium] = new(AlertPriority.Medium, Icons.Material.Outlined.ErrorOutline, new("#8a5a00", "#fff8e1"), new("#f5c46b", "#3d2d08")),
        [AlertPriority.Low] = new(AlertPriority.Low, Icons.Material.Outlined.Info, new("#1f4fa8", "#e8f0fe"), new("#a8c7fa", "#172a4a")),
    };

    public static PriorityLook Priority(AlertPriority priority) => Priorities[priority];

    /// <summary>The priority colours as the CSS variables our stylesheets read (<c>--ts-urgent</c>, <c>--ts-urgent-bg</c>...).</summary>
    public static string PriorityVariables(bool dark) =>
        string.Concat(Priorities.Values.Select(look =>
        {
            var colours = dark ? look.Dark : look.Light;
            var name = look.Name;
            return $"--ts-{name}:{colours.Text};--ts-{name}-bg:{colours.Background};";
        }));
}

/// <summary>How one priority shows: its colours in each palette, its icon (an SVG path of MudBlazor's set) and its word.</summary>
public sealed record PriorityLook(AlertPriority Priority, string Icon, PriorityColours Light, PriorityColours Dark)
{
    /// <summary>The lower-case name of CSS classes and variables: <c>priority-urgent</c>, <c>--ts-urgent</c>.</summary>
    public string Name => Priority.ToString().ToLowerInvariant();

    /// <summary>The resource key of the priority's word.</summary>
    public string WordKey => $"Priority.{Priority}";
}

public sealed record PriorityColours(string Text, string Background);
