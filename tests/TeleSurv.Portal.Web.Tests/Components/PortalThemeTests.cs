using Bunit;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Components.Shared;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Components;

public sealed class PortalThemeTests : PortalComponentTest
{
    [Fact]
    public void Every_priority_has_its_own_icon_and_colours_in_both_palettes()
    {
        var looks = Enum.GetValues<AlertPriority>().Select(PortalTheme.Priority).ToList();

        Assert.Equal(looks.Count, looks.Select(l => l.Icon).Distinct().Count());
        Assert.Equal(looks.Count, looks.Select(l => l.Light.Text).Distinct().Count());
        Assert.Equal(looks.Count, looks.Select(l => l.Dark.Text).Distinct().Count());
        Assert.All(looks, look => Assert.NotEqual(look.Light, look.Dark));
    }

    [Theory]
    [InlineData(AlertPriority.Urgent)]
    [InlineData(AlertPriority.High)]
    [InlineData(AlertPriority.Medium)]
    [InlineData(AlertPriority.Low)]
    public void Priority_text_is_readable_on_its_background_in_light_and_dark(AlertPriority priority)
    {
        var look = PortalTheme.Priority(priority);

        // WCAG AA for normal text: a contrast of at least 4.5:1.
        Assert.True(Contrast(look.Light) >= 4.5, $"{priority} light: {Contrast(look.Light):0.00}");
        Assert.True(Contrast(look.Dark) >= 4.5, $"{priority} dark: {Contrast(look.Dark):0.00}");
    }

    [Fact]
    public void The_palette_writes_the_variables_our_stylesheets_read_for_the_mode_asked()
    {
        var light = Render<PriorityPalette>();
        var dark = Render<PriorityPalette>(p => p.Add(c => c.Dark, true));

        Assert.Contains($"--ts-urgent:{PortalTheme.Priority(AlertPriority.Urgent).Light.Text};", light.Markup, StringComparison.Ordinal);
        Assert.Contains($"--ts-low-bg:{PortalTheme.Priority(AlertPriority.Low).Light.Background};", light.Markup, StringComparison.Ordinal);
        Assert.Contains($"--ts-urgent:{PortalTheme.Priority(AlertPriority.Urgent).Dark.Text};", dark.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalTheme.Priority(AlertPriority.Urgent).Light.Text, dark.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_theme_has_a_light_and_a_dark_palette_on_the_portal_s_colours()
    {
        Assert.Equal("#0b5394", PortalTheme.Theme.PaletteLight.Primary.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex).ToLowerInvariant());
        Assert.NotEqual(
            PortalTheme.Theme.PaletteLight.Background.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex),
            PortalTheme.Theme.PaletteDark.Background.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex));
    }

    private static double Contrast(PriorityColours colours)
    {
        var (a, b) = (Luminance(colours.Text), Luminance(colours.Background));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance(string hex)
    {
        static double Channel(string hex, int at)
        {
            var value = Convert.ToInt32(hex.Substring(at, 2), 16) / 255.0;
            return value <= 0.03928 ? value / 12.92 : Math.Pow((value + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(hex, 1)) + (0.7152 * Channel(hex, 3)) + (0.0722 * Channel(hex, 5));
    }
}
