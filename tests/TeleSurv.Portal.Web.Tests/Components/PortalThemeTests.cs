using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
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
    public async Task The_stylesheets_carry_mudblazors_variables_and_the_priority_colours_of_their_look()
    {
        var themes = new ThemeStylesheets(Services, NullLoggerFactory.Instance);

        var light = await themes.CssAsync("light");
        var dark = await themes.CssAsync("dark");

        Assert.NotNull(light);
        Assert.NotNull(dark);
        Assert.Contains("--mud-palette-primary:", light, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", light, StringComparison.Ordinal);
        Assert.Contains(Css(PortalTheme.Theme.PaletteLight.Background), light, StringComparison.Ordinal);
        Assert.Contains(Css(PortalTheme.Theme.PaletteDark.Background), dark, StringComparison.Ordinal);
        Assert.DoesNotContain(Css(PortalTheme.Theme.PaletteDark.Background), light, StringComparison.Ordinal);
        Assert.Contains($"--ts-urgent:{PortalTheme.Priority(AlertPriority.Urgent).Light.Text};", light, StringComparison.Ordinal);
        Assert.Contains($"--ts-low-bg:{PortalTheme.Priority(AlertPriority.Low).Light.Background};", light, StringComparison.Ordinal);
        Assert.Contains($"--ts-urgent:{PortalTheme.Priority(AlertPriority.Urgent).Dark.Text};", dark, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalTheme.Priority(AlertPriority.Urgent).Light.Text, dark, StringComparison.Ordinal);
        Assert.Null(await themes.CssAsync("sepia"));
    }

    [Fact]
    public async Task Each_look_has_an_address_that_changes_with_the_theme()
    {
        var themes = new ThemeStylesheets(Services, NullLoggerFactory.Instance);

        var light = await themes.HrefAsync(dark: false);
        var dark = await themes.HrefAsync(dark: true);

        Assert.Matches("^theme/light\\.css\\?v=[0-9a-f]{16}$", light);
        Assert.Matches("^theme/dark\\.css\\?v=[0-9a-f]{16}$", dark);
        Assert.Equal(light[(light.IndexOf('=') + 1)..], dark[(dark.IndexOf('=') + 1)..]);
    }

    [Fact]
    public async Task A_build_that_failed_is_tried_again_at_the_next_request_and_the_one_that_succeeds_is_kept()
    {
        // MudThemeProvider's script service is resolved once per build: the first build finds it failing.
        var builds = 0;
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddScoped<IJSRuntime>(_ => ++builds == 1 ? throw new InvalidOperationException("Not available yet.") : JSInterop.JSRuntime)
            .BuildServiceProvider();
        var themes = new ThemeStylesheets(services, NullLoggerFactory.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => themes.CssAsync("light"));
        var light = await themes.CssAsync("light");
        var href = await themes.HrefAsync(dark: true);
        var dark = await themes.CssAsync("dark");

        Assert.Contains("--mud-palette-primary:", light, StringComparison.Ordinal);
        Assert.Contains("--mud-palette-primary:", dark, StringComparison.Ordinal);
        Assert.Matches("^theme/dark\\.css\\?v=[0-9a-f]{16}$", href);
        Assert.Equal(2, builds);
    }

    // MudThemeProvider writes colours as rgba().
    private static string Css(MudBlazor.Utilities.MudColor colour) => colour.ToString(MudBlazor.Utilities.MudColorOutputFormats.RGBA);

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
