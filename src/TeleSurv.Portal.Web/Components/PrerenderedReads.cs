using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace TeleSurv.Portal.Web.Components;

/// <summary>
/// Hands what a page read while it was prerendered to the same page once its circuit starts, so that opening a page
/// reads (and audits) its patient data once, not once for the prerendered HTML and again for the live page.
/// </summary>
/// <remarks>
/// The reads travel in the page as Blazor's persisted component state, protected by data protection. A response
/// that does not serialise is simply read again by the live page: nothing depends on the hand-over but the count.
/// </remarks>
public sealed partial class PrerenderedReads(ILogger<PrerenderedReads> logger, PersistentComponentState? state = null) : IDisposable
{
    /// <summary>The circuit hub's receive limit: the default 32 KiB leaves too little room for a page's data.</summary>
    public const int HubMessageLimit = 128 * 1024;

    /// <summary>JSON bytes of reads handed over per page: about 1.8 times that once protected and encoded.</summary>
    public const int Budget = 48 * 1024;

    private static readonly JsonSerializerOptions Measure = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, object?> _read = new(StringComparer.Ordinal);
    private PersistingComponentStateSubscription? _persisting;

    /// <summary>
    /// While prerendering, reads and keeps the answer for the live page; once interactive, answers the prerender's
    /// answer to the same request the first time it is asked for, and reads for real after that.
    /// </summary>
    public async Task<TResponse> ReadAsync<TResponse>(object request, bool interactive, Func<Task<TResponse>> read)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(read);
        if (state is null)
        {
            return await read();
        }

        var key = Key(request);
        if (interactive && TryTake<TResponse>(state, key, out var prerendered))
        {
            return prerendered;
        }

        var response = await read();
        if (!interactive)
        {
            _read[key] = response;
            _persisting ??= state.RegisterOnPersisting(() => PersistAsync(state), RenderMode.InteractiveServer);
        }

        return response;
    }

    public void Dispose() => _persisting?.Dispose();

    private static string Key(object request) =>
        request.GetType().FullName + ":" + JsonSerializer.Serialize(request, request.GetType());

    private bool TryTake<TResponse>(PersistentComponentState persisted, string key, out TResponse response)
    {
        try
        {
            if (persisted.TryTakeFromJson<TResponse>(key, out var taken) && taken is not null)
            {
                response = taken;
                return true;
            }
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            LogNotRestored(logger, typeof(TResponse).Name, exception);
        }

        response = default!;
        return false;
    }

    private Task PersistAsync(PersistentComponentState persisted)
    {
        var spent = 0;
        foreach (var (key, response) in _read)
        {
            try
            {
                var size = JsonSerializer.SerializeToUtf8Bytes(response, Measure).Length + key.Length;
                if (spent + size > Budget)
                {
                    LogOverBudget(logger, response?.GetType().Name ?? "null", size);
                    continue;
                }

                persisted.PersistAsJson(key, response);
                spent += size;
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException)
            {
                LogNotPersisted(logger, response?.GetType().Name ?? "null", exception);
            }
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "A prerendered {ResponseType} could not be handed to the live page; it reads it again.")]
    private static partial void LogNotPersisted(ILogger logger, string responseType, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Debug, Message = "A prerendered {ResponseType} of {Size} bytes is beyond what a page hands over; the live page reads it again.")]
    private static partial void LogOverBudget(ILogger logger, string responseType, int size);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "The prerendered {ResponseType} could not be restored; the live page reads it again.")]
    private static partial void LogNotRestored(ILogger logger, string responseType, Exception exception);
}
