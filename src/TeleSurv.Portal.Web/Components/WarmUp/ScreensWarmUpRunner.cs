using System.Diagnostics;
using Microsoft.AspNetCore.Components.Web;

namespace TeleSurv.Portal.Web.Components.WarmUp;

/// <summary>
/// Renders <see cref="ScreensWarmUp"/> once, before the portal takes requests: the first opening of the queue, an
/// alert and a chart after a start then finds MudBlazor's code compiled. A failure is logged and the portal starts
/// anyway, as it would without the warm-up. Returns what was rendered (nothing after a failure).
/// </summary>
public static partial class ScreensWarmUpRunner
{
    public static async Task<string> WarmUpScreensAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ScreensWarmUpRunner));
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = services.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
            var html = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<ScreensWarmUp>()).ToHtmlString())
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Rendered(logger, elapsed);
            return html;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Failed(logger, exception);
            return string.Empty;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The screens' components were rendered once in {Elapsed:F0} ms, before the first request.")]
    private static partial void Rendered(ILogger logger, double elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The screens' components could not be rendered at start; the first pages will compile them instead.")]
    private static partial void Failed(ILogger logger, Exception exception);
}
