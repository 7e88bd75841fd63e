using System.Collections.Concurrent;
using System.Security.Claims;
using Mediator;
using Microsoft.Net.Http.Headers;
using TeleSurv.Portal.Application.Staff;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// The provider's session id (<c>sid</c> of the id_token) of each portal session opened by single sign-on on this
/// instance, so that the provider's front-channel logout call, which comes without the portal's cookie (a
/// cross-site frame does not send a SameSite=Lax cookie), can name the portal sessions to end.
/// </summary>
public sealed class ProviderSessions(TimeProvider clock)
{
    /// <summary>Beyond this the entry is dropped: no shift lasts as long, and the idle timeout ends the session before.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<Guid, Entry> _bySession = new();

    public void Add(string providerSessionId, Guid sessionId, ClaimsPrincipal principal)
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _bySession)
        {
            if (now - entry.At > Retention)
            {
                _bySession.TryRemove(id, out _);
            }
        }

        _bySession[sessionId] = new Entry(providerSessionId, principal, now);
    }

    public void Forget(Guid sessionId) => _bySession.TryRemove(sessionId, out _);

    /// <summary>Takes out the portal sessions opened under this provider session.</summary>
    public IReadOnlyList<(Guid SessionId, ClaimsPrincipal Principal)> Take(string providerSessionId)
    {
        var taken = new List<(Guid, ClaimsPrincipal)>();
        foreach (var (id, entry) in _bySession)
        {
            if (string.Equals(entry.ProviderSessionId, providerSessionId, StringComparison.Ordinal) && _bySession.TryRemove(id, out _))
            {
                taken.Add((id, entry.Principal));
            }
        }

        return taken;
    }

    private sealed record Entry(string ProviderSessionId, ClaimsPrincipal Principal, DateTimeOffset At);
}

public static class FrontChannelLogout
{
    /// <summary>
    /// OpenID Connect Front-Channel Logout 1.0: the provider loads this address in a hidden frame when the user signs
    /// out there (or elsewhere in the hospital's single sign-on); the portal sessions of that provider session end at
    /// once, on every open page, whichever browser holds them.
    /// </summary>
    public static async Task<IResult> HandleAsync(HttpContext context, string? iss, string? sid, OidcSettings settings, ProviderSessions sessions, ISender sender, StaffSessionSignals signals)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        context.Response.Headers.CacheControl = "no-cache, no-store";
        context.Response.Headers[HeaderNames.Pragma] = "no-cache";
        if (!string.IsNullOrEmpty(iss) && !string.Equals(iss.TrimEnd('/'), settings.Authority.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal))
        {
            return Results.BadRequest();
        }

        if (string.IsNullOrEmpty(sid))
        {
            // Without a session id only the portal's own cookie could say whose session it is, and a frame does not carry it.
            return Results.BadRequest();
        }

        foreach (var (sessionId, principal) in sessions.Take(sid))
        {
            if (await sender.Send(new CloseStaffSessionCommand(sessionId), CancellationToken.None))
            {
                await SignInAudit.SignedOutAtProviderAsync(context, principal);
            }

            if (principal.StaffMemberId() is { } staffMemberId)
            {
                signals.Changed(staffMemberId);
            }
        }

        return Results.Ok();
    }
}
