using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TeleSurv.Portal.IntegrationTests.StaticAssets;

/// <summary>
/// The theme comes as a stylesheet the page links, in the look the user came with, and the other look's address is on
/// the link for the toggle; the pages no longer carry the theme inline.
/// </summary>
public sealed partial class ThemeStylesheetTests(WebApplicationFactory<Program> factory)
    : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task The_page_links_the_light_theme_and_names_the_dark_one_for_the_toggle()
    {
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative));

        var link = ThemeLink().Match(page);
        Assert.True(link.Success, "the page's head links no theme stylesheet");
        Assert.Equal(link.Groups["light"].Value, link.Groups["href"].Value);
        Assert.StartsWith("theme/dark.css?v=", link.Groups["dark"].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("--mud-palette-primary", page, StringComparison.Ordinal);

        using var light = await client.GetAsync(new Uri("/" + link.Groups["light"].Value, UriKind.Relative));
        using var dark = await client.GetAsync(new Uri("/" + link.Groups["dark"].Value, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, light.StatusCode);
        Assert.Equal("text/css", light.Content.Headers.ContentType?.MediaType);
        Assert.True(light.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromDays(365), light.Headers.CacheControl?.MaxAge);
        var lightCss = await light.Content.ReadAsStringAsync();
        var darkCss = await dark.Content.ReadAsStringAsync();
        Assert.Contains("--mud-palette-primary:", lightCss, StringComparison.Ordinal);
        Assert.Contains("--ts-urgent:#b3261e;", lightCss, StringComparison.Ordinal);
        Assert.Contains("--ts-urgent:#ffb4ab;", darkCss, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_look_the_portal_does_not_have_is_not_found()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/theme/sepia.css", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex(""""<link rel="stylesheet" id="portal-theme" href="(?<href>[^"]+)" data-light="(?<light>[^"]+)" data-dark="(?<dark>[^"]+)"""")]
    private static partial Regex ThemeLink();
}
