using System.Net;
using System.Text.RegularExpressions;

namespace TeleSurv.Portal.Tests.Support;

/// <summary>Drives the portal over HTTP as a browser without script would: forms, cookies, antiforgery.</summary>
public static partial class PortalClient
{
    /// <summary>Signs in through the Demo sign-in page as the given demo login.</summary>
    public static async Task SignInAsync(HttpClient client, string login)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client),
            ["login"] = login,
            ["returnUrl"] = "/",
        });
        using var response = await client.PostAsync(new Uri("/account/demo-signin", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    /// <summary>The antiforgery token of the sign-in page's forms (its cookie goes into the client's cookie jar).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var page = await client.GetStringAsync(new Uri("/account/signin", UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "the sign-in page carries an antiforgery token");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    public static HttpClient CreateClient(PortalAppFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [GeneratedRegex("<input(?=[^>]*name=\"__RequestVerificationToken\")[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
