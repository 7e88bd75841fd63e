using System.Text.RegularExpressions;
using Bunit;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Components.Shared;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Components;

public sealed partial class PriorityBadgeTests : PortalComponentTest
{
    [Theory]
    [InlineData(AlertPriority.Urgent, "fr-FR", "Urgente")]
    [InlineData(AlertPriority.High, "fr-FR", "Haute")]
    [InlineData(AlertPriority.Low, "en-GB", "Low")]
    public void Shows_the_priority_by_colour_icon_and_word(AlertPriority priority, string culture, string word)
    {
        UseCulture(culture);

        var badge = Render<PriorityBadge>(p => p.Add(c => c.Priority, priority));

        var root = badge.Find($"[data-priority='{priority}']");
        Assert.Contains($"priority-{priority.ToString().ToLowerInvariant()}", root.ClassName, StringComparison.Ordinal);
        Assert.Equal(word, root.TextContent.Trim());
        var icon = root.QuerySelector("svg");
        Assert.NotNull(icon);
        Assert.Equal("true", icon.GetAttribute("aria-hidden"));
        var expected = PathData().Matches(PortalTheme.Priority(priority).Icon).Select(m => m.Groups[1].Value);
        Assert.Equal(expected, icon.QuerySelectorAll("path").Select(path => path.GetAttribute("d")));
    }

    [GeneratedRegex("d=\"([^\"]+)\"")]
    private static partial Regex PathData();
}
