using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using TeleSurv.Portal.Web.Components.Enrolment;
using TeleSurv.Portal.Web.Tests.Support;

namespace TeleSurv.Portal.Web.Tests.Enrolment;

public sealed class IssuedLinkPanelTests
{
    private const string Url = "https://portail.example/p/jopjL9rr-wGRb64RP_uBtp8Bwf-ACAx8ROYmroU6VmM";

    [Theory]
    [InlineData("fr-FR", "il ne sera plus affiché", "Copier")]
    [InlineData("en-GB", "it will not be shown again", "Copy")]
    public async Task Shows_the_link_once_with_a_copy_button_in_the_user_s_language(string culture, string warning, string copy)
    {
        await using var context = new ComponentTestContext(culture: culture, configure: s => s.AddSingleton<IJSRuntime, NoJsRuntime>());

        var html = await context.RenderAsync<IssuedLinkPanel>(new Dictionary<string, object?>
        {
            [nameof(IssuedLinkPanel.Url)] = Url,
            [nameof(IssuedLinkPanel.ExpiresAt)] = new DateTime(2026, 7, 8, 10, 0, 0, DateTimeKind.Utc),
        });

        Assert.Contains($"value=\"{Url}\"", html, StringComparison.Ordinal);
        Assert.Contains("readonly", html, StringComparison.Ordinal);
        Assert.Contains(warning, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Matches($"data-action=\"copy-link\"[^>]*>[\\s\\S]*{copy}", html);
        Assert.Contains("<label for=\"issued-link-url\"", html, StringComparison.Ordinal);
    }

    private sealed class NoJsRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new JSException("No script in a static render.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new JSException("No script in a static render.");
    }
}
