using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using TeleSurv.Portal.Web.Components.Layout;

namespace TeleSurv.Portal.Web.Components;

/// <summary>
/// The portal's theme as two stylesheets, light and dark: MudBlazor's CSS variables for <see cref="PortalTheme.Theme"/>
/// as <see cref="MudThemeProvider"/> writes them, and the priority colours our own stylesheets read. They are built once
/// per process and served with a long cache life (<c>theme/light.css</c>, <c>theme/dark.css</c>, versioned by their
/// content); every page links the user's look in its head and the layout's toggle swaps the link. No circuit keeps a
/// copy of the theme: a MudThemeProvider in the layout held about 25 KB of markup on each one.
/// A build that fails is not kept: the next request builds again, rather than every page failing until a restart.
/// </summary>
public sealed partial class ThemeStylesheets(IServiceProvider services, ILoggerFactory loggerFactory)
{
    public const string RoutePattern = "/theme/{look}.css";

    private readonly Lock _gate = new();
    private Task<Built>? _built;

    /// <summary>The stylesheet of a look, for the page's head (its content hash makes a changed theme a new address).</summary>
    public async Task<string> HrefAsync(bool dark)
    {
        var built = await BuiltAsync();
        return Href(dark ? ThemePreference.Dark : ThemePreference.Light, built.Version);
    }

    /// <summary>The CSS text of a look ("light" or "dark"); null for any other name.</summary>
    public async Task<string?> CssAsync(string look)
    {
        var built = await BuiltAsync();
        return look switch
        {
            ThemePreference.Light => built.Light,
            ThemePreference.Dark => built.Dark,
            _ => null,
        };
    }

    /// <summary>The build done or in progress, shared by every request; a new one when the last one failed.</summary>
    private Task<Built> BuiltAsync()
    {
        lock (_gate)
        {
            if (_built is null || _built.IsFaulted || _built.IsCanceled)
            {
                _built = BuildAsync(services, loggerFactory);
            }

            return _built;
        }
    }

    private static string Href(string look, string version) => $"theme/{look}.css?v={version}";

    private static async Task<Built> BuildAsync(IServiceProvider services, ILoggerFactory loggerFactory)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        var light = await RenderAsync(renderer, dark: false);
        var dark = await RenderAsync(renderer, dark: true);
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(light + dark)))[..16];
        return new Built(light, dark, version);
    }

    private static Task<string> RenderAsync(HtmlRenderer renderer, bool dark) => renderer.Dispatcher.InvokeAsync(async () =>
    {
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(MudThemeProvider.Theme)] = PortalTheme.Theme,
            [nameof(MudThemeProvider.IsDarkMode)] = dark,
        });
        var html = (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
        var css = new StringBuilder();
        foreach (Match style in StyleElement().Matches(html))
        {
            css.AppendLine(style.Groups["css"].Value);
        }

        if (css.Length == 0)
        {
            throw new InvalidOperationException("MudThemeProvider wrote no style element: the theme's stylesheet would be empty.");
        }

        return css.Append(":root{").Append(PortalTheme.PriorityVariables(dark)).AppendLine("}").ToString();
    });

    [GeneratedRegex("<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StyleElement();

    private sealed record Built(string Light, string Dark, string Version);
}

/// <summary>The endpoint that serves <see cref="ThemeStylesheets"/>.</summary>
public static class ThemeStylesheetEndpoints
{
    public static IEndpointRouteBuilder MapThemeStylesheets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ThemeStylesheets.RoutePattern, async (string look, HttpContext context, ThemeStylesheets themes) =>
        {
            if (await themes.CssAsync(look) is not { } css)
            {
                return Results.NotFound();
            }

            // The address carries the content's hash: a browser may keep it as long as it likes.
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Text(css, "text/css; charset=utf-8");
        }).AllowAnonymous();
        return endpoints;
    }
}
