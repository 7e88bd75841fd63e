using Microsoft.AspNetCore.Mvc.Testing;

namespace TeleSurv.Portal.IntegrationTests.StaticAssets;

/// <summary>The in-memory test host serves Blazor's script and the top-level wwwroot/ like the real app.</summary>
public sealed class WebApplicationFactoryStaticAssetsTests(WebApplicationFactory<Program> factory)
    : IClassFixture<WebApplicationFactory<Program>>
{
    public static TheoryData<string, string, string> Assets => ServedAssets.All;

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task Serves_the_asset_byte_for_byte(string route, string expectedFile, string mediaType)
    {
        using var client = factory.CreateClient();

        await ServedAssets.AssertServesFileAsync(client, route, expectedFile, mediaType);
    }

    [Fact]
    public async Task The_extracted_script_is_blazors_web_script()
    {
        var script = await File.ReadAllTextAsync(RepositoryLayout.SdkBlazorScript);

        // The Blazor Web App script is about 190 KB; the marker strings below are its public entry points.
        Assert.InRange(script.Length, 100_000, 1_000_000);
        Assert.Contains("window.Blazor=", script, StringComparison.Ordinal);
        Assert.Contains("enableNavigationInterception", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_serve_the_notes_beside_the_static_files()
    {
        Assert.True(File.Exists(ServedAssets.TopLevel("README.md")));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/README.md", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
