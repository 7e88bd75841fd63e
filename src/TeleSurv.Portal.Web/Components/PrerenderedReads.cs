using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using TeleSurv.Portal.Application.Abstractions;

namespace TeleSurv.Portal.Web.Components;

/// <summary>
/// Hands what a page read while it was prerendered to the same page once its circuit starts, so that opening a page
/// reads (and audits) its patient data once, not once for the prerendered HTML and again for the live page.
/// </summary>
/// <remarks>
/// The reads stay in the server's memory (<see cref="PrerenderHandover"/>); the page carries only a token, in Blazor's
/// persisted component state, protected by data protection. Nothing is serialised into the page, nor sent back by the
/// browser. A live page that finds nothing to take (the token expired, or the circuit reached another instance) reads
/// again: nothing depends on the hand-over but the count.
/// </remarks>
public sealed partial class PrerenderedReads(
    ILogger<PrerenderedReads> logger, PrerenderHandover? handover = null, ICurrentUser? user = null, PersistentComponentState? state = null)
    : IDisposable
{
    /// <summary>
    /// The circuit hub's receive limit, 128 KiB instead of the default 32 KiB: an event carries the whole value of the
    /// field it comes from.
    /// </summary>
    public const int HubMessageLimit = 128 * 1024;

    private const string TokenKey = "prerendered-reads";

    private readonly Dictionary<string, object?> _read = new(StringComparer.Ordinal);
    private Dictionary<string, object?>? _taken;
    private PersistingComponentStateSubscription? _persisting;

    /// <summary>
    /// While prerendering, reads and keeps the answer for the live page; once interactive, answers the prerender's
    /// answer to the same request the first time it is asked for, and reads for real after that.
    /// </summary>
    public async Task<TResponse> ReadAsync<TResponse>(object request, bool interactive, Func<Task<TResponse>> read)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(read);
        if (state is null || handover is null || user?.StaffMemberId is not { } me)
        {
            return await read();
        }

        var key = Key(request);
        if (interactive && Taken(state, handover, me).Remove(key, out var prerendered) && prerendered is TResponse answer)
        {
            return answer;
        }

        var response = await read();
        if (!interactive)
        {
            _read[key] = response;
            _persisting ??= state.RegisterOnPersisting(() => PersistAsync(state, handover, me), RenderMode.InteractiveServer);
        }

        return response;
    }

    public void Dispose() => _persisting?.Dispose();

    private static string Key(object request) =>
        request.GetType().FullName + ":" + JsonSerializer.Serialize(request, request.GetType());

    // The prerender's reads, taken once, the first time the live page reads.
    private Dictionary<string, object?> Taken(PersistentComponentState persisted, PrerenderHandover kept, Guid me)
    {
        if (_taken is null)
        {
            _taken = persisted.TryTakeFromJson<string>(TokenKey, out var token) && token is not null ? kept.Take(token, me) ?? [] : [];
        }

        return _taken;
    }

    private Task PersistAsync(PersistentComponentState persisted, PrerenderHandover kept, Guid me)
    {
        if (kept.Keep(me, _read) is { } token)
        {
            persisted.PersistAsJson(TokenKey, token);
        }
        else
        {
            LogNotKept(logger, _read.Count);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 5104, Level = LogLevel.Debug, Message = "The {Count} reads of a prerendered page are not kept (the server keeps as many pages as it may); its live page reads again.")]
    private static partial void LogNotKept(ILogger logger, int count);
}
