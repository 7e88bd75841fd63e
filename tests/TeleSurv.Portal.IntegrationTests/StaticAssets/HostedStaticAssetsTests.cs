namespace TeleSurv.Portal.IntegrationTests.StaticAssets;

/// <summary>`dotnet run` serves Blazor's script from the build's extraction folder and wwwroot/ from the repository root.</summary>
public sealed class DotnetRunStaticAssetsTests(DotnetRunPortal portal) : IClassFixture<DotnetRunPortal>
{
    public static TheoryData<string, string, string> Assets => ServedAssets.All;

    [Theory]
    [MemberData(nameof(Assets))]
    public Task Serves_the_asset_byte_for_byte(string route, string expectedFile, string mediaType) =>
        ServedAssets.AssertServesFileAsync(portal.Client, route, expectedFile, mediaType);
}

/// <summary>Published output carries the same assets in its own wwwroot/, compressed at publish time.</summary>
public sealed class PublishedStaticAssetsTests(PublishedPortal portal) : IClassFixture<PublishedPortal>
{
    public static TheoryData<string, string, string> Assets => ServedAssets.All;

    [Theory]
    [MemberData(nameof(Assets))]
    public Task Serves_the_asset_byte_for_byte(string route, string expectedFile, string mediaType) =>
        ServedAssets.AssertServesFileAsync(portal.Client, route, expectedFile, mediaType);

    [Theory]
    [InlineData("/_framework/blazor.web.js", "gzip")]
    [InlineData("/_framework/blazor.web.js", "br")]
    [InlineData("/css/portal.css", "br")]
    public Task Serves_precompressed_variants(string route, string encoding) =>
        ServedAssets.AssertServesCompressedFileAsync(portal.Client, route, ExpectedFile(route), encoding);

    [Fact]
    public void The_output_holds_the_assets_under_its_own_wwwroot()
    {
        Assert.Equal(
            File.ReadAllBytes(RepositoryLayout.SdkBlazorScript),
            File.ReadAllBytes(Path.Combine(portal.Directory, "wwwroot", "_framework", "blazor.web.js")));
        Assert.Equal(
            File.ReadAllBytes(ServedAssets.TopLevel("css/portal.css")),
            File.ReadAllBytes(Path.Combine(portal.Directory, "wwwroot", "css", "portal.css")));
    }

    private static string ExpectedFile(string route) =>
        route == "/_framework/blazor.web.js" ? RepositoryLayout.SdkBlazorScript : ServedAssets.TopLevel(route.TrimStart('/'));
}
