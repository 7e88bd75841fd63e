using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Hosting;
using TeleSurv.Portal.Web.Security;

namespace TeleSurv.Portal.Web.Tests.Support;

/// <summary>
/// Renders components to HTML with the framework's HtmlRenderer and the services every component needs:
/// localization, navigation, and an authentication state.
/// </summary>
public sealed class ComponentTestContext : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;
    private readonly CultureInfo _culture;

    public ComponentTestContext(
        ClaimsPrincipal? user = null, string culture = "fr-FR", string uri = "http://localhost/alerts",
        Action<IServiceCollection>? configure = null)
    {
        _culture = CultureInfo.GetCultureInfo(culture);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<NavigationManager>(new TestNavigationManager(uri));
        services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationStateProvider(user ?? Anonymous));
        services.AddCascadingAuthenticationState();
        services.AddAuthorizationCore();
        services.AddPortalMudBlazor();
        // MudBlazor's components take the JS runtime; a static render runs no script, so every call answers a default.
        services.AddSingleton<IJSRuntime, StaticJSRuntime>();
        services.AddScoped<PrerenderedReads>();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
    }

    public static ClaimsPrincipal Anonymous { get; } = new(new ClaimsIdentity());

    public static ClaimsPrincipal User(StaffRole role, string name = "Claire Martin", params Guid[] establishments) =>
        PortalClaims.CreatePrincipal(Guid.CreateVersion7(), "test." + role, name, role, establishments, "Test");

    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        var previousCulture = CultureInfo.CurrentCulture;
        var previousUiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _culture;
        try
        {
            return await _renderer.Dispatcher.InvokeAsync(async () =>
            {
                var view = parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters);
                var output = await _renderer.RenderComponentAsync<TComponent>(view);
                return output.ToHtmlString();
            });
        }
        finally
        {
            CultureInfo.CurrentCulture = previousCulture;
            CultureInfo.CurrentUICulture = previousUiCulture;
        }
    }

    /// <summary>
    /// The markup as a reader sees it: scoped-CSS attributes (b-xxxxxxxxxx) removed and character references decoded,
    /// so that assertions name the text and classes they mean.
    /// </summary>
    public static string Readable(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, " b-[a-z0-9]{10}(?=[ />])", string.Empty));

    /// <summary>Renders, then returns <see cref="Readable"/> markup.</summary>
    public async Task<string> RenderReadableAsync<TComponent>(IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent => Readable(await RenderAsync<TComponent>(parameters));

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }

    private sealed class TestNavigationManager : NavigationManager
    {
        public TestNavigationManager(string uri) => Initialize("http://localhost/", uri);

        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
    }

    private sealed class StaticJSRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }

    private sealed class FixedAuthenticationStateProvider(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
