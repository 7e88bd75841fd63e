using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TeleSurv.Portal.Web.Components;
using TeleSurv.Portal.Web.Hosting;

namespace TeleSurv.Portal.Web.Tests.Support;

/// <summary>
/// The base of bUnit component tests: the portal's localization (French unless told otherwise), MudBlazor's services
/// with the portal's texts, a clock, and JavaScript interop that answers every call with a default.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    // A wait ends as soon as its condition holds: the limit is reached only by a failure, and a machine busy with
    // the other test projects (a browser among them) must not turn a slow render into one.
    static PortalComponentTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    protected PortalComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddPortalMudBlazor();
        Services.AddSingleton(TimeProvider.System);
        UseCulture("fr-FR");
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Pages render as they do once the circuit is live, with no prerender to hand a read over (they read for
    /// themselves). Call last in the test's constructor: bUnit takes no service once the renderer exists.
    /// </summary>
    protected void RenderPagesLive()
    {
        Services.AddScoped(_ => new PrerenderedReads(NullLogger<PrerenderedReads>.Instance));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>
    /// Waits until <paramref name="component"/>'s opener has the focus back from its closed dialog, and checks it came
    /// after MudBlazor's own focus return: in a browser what had the focus when the dialog opened may be its own
    /// field, gone with the dialog, and the opener's focus must reach the browser last.
    /// </summary>
    protected void AssertOpenerFocusedAfterMudBlazorRestoredFocus<TComponent>(IRenderedComponent<TComponent> component, string opener)
        where TComponent : IComponent =>
        component.WaitForAssertion(() =>
        {
            var calls = JSInterop.Invocations.Select(call => call.Identifier).ToList();
            var restored = calls.LastIndexOf("mudElementRef.restoreFocus");
            var focused = calls.LastIndexOf("Blazor._internal.domWrapper.focus");
            Assert.True(restored >= 0, "MudBlazor gave no focus back");
            Assert.True(focused > restored, $"{opener} was focused before MudBlazor gave back the focus the dialog found");
        });

    // MudBlazor's services dispose only asynchronously; xunit disposes synchronously after this, when nothing is left.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>
    /// The culture components render in. The test method runs in the flow that called this, so the culture holds
    /// for its renders and for the events it triggers.
    /// </summary>
    protected static void UseCulture(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }
}
