using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace TeleSurv.Portal.IntegrationTests.StaticAssets;

/// <summary>The assets every hosting mode must serve, and the checks made on each response.</summary>
internal static class ServedAssets
{
    public static TheoryData<string, string, string> All => new()
    {
        { "/_framework/blazor.web.js", RepositoryLayout.SdkBlazorScript, "text/javascript" },
        { "/css/portal.css", TopLevel("css/portal.css"), "text/css" },
        { "/js/theme.js", TopLevel("js/theme.js"), "text/javascript" },
        { "/favicon.svg", TopLevel("favicon.svg"), "image/svg+xml" },
    };

    public static string TopLevel(string relativePath) => Path.Combine(RepositoryLayout.TopLevelWebRoot, relativePath);

    /// <summary>Fetches <paramref name="route"/> uncompressed and asserts it is exactly the file on disk, served by MapStaticAssets.</summary>
    public static async Task AssertServesFileAsync(HttpClient client, string route, string expectedFile, string mediaType)
    {
        Assert.True(File.Exists(expectedFile), $"'{expectedFile}' is missing: the build did not produce or vendor it.");
        var expected = await File.ReadAllBytesAsync(expectedFile);
        Assert.NotEmpty(expected);

        using var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        // MapStaticAssets, not a fallback file server, answered: it always sends an ETag built at build time.
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>
    /// Asserts that a client accepting only <paramref name="encoding"/> gets the variant compressed at build or
    /// publish time, and that it decodes to the file.
    /// </summary>
    public static async Task AssertServesCompressedFileAsync(HttpClient client, string route, string expectedFile, string encoding)
    {
        var expected = await File.ReadAllBytesAsync(expectedFile);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(route, UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < expected.Length / 2, $"{compressed.Length} bytes sent for a {expected.Length}-byte file");
        await using var decoder = encoding switch
        {
            "gzip" => (Stream)new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "not a content coding the tests know"),
        };
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded);
        Assert.Equal(expected, decoded.ToArray());
    }
}
