using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace TeleSurv.Portal.Web.Components;

/// <summary>
/// What prerendered pages read, kept in the server's memory for their live pages (<see cref="PrerenderedReads"/>): a
/// page carries a token, and the circuit of the same user takes the reads with it, once, within
/// <see cref="Lifetime"/>. The balancer keeps a user on one instance, where the circuit finds what its prerender kept;
/// a live page that finds nothing reads again.
/// </summary>
/// <remarks>
/// Bounded: a page that never goes live (a closed tab, a client without scripts) leaves its reads until they expire,
/// a user keeps at most <see cref="MaxPagesPerUser"/> pages at a time and the server <see cref="MaxPages"/>; beyond
/// that a page is not kept and its live page reads again.
/// </remarks>
public sealed class PrerenderHandover(TimeProvider clock)
{
    /// <summary>How long a prerendered page's reads wait for its circuit, which usually starts within a second or two.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public const int MaxPages = 2_000;

    public const int MaxPagesPerUser = 20;

    private readonly ConcurrentDictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, int> _pagesPerUser = new();
    private readonly Lock _sweeping = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Pages kept now, expired or not.</summary>
    public int Count => _kept.Count;

    /// <summary>Keeps a copy of <paramref name="reads"/> for <paramref name="user"/>'s live page; the token to take them with, or null when the bounds are reached.</summary>
    public string? Keep(Guid user, IReadOnlyDictionary<string, object?> reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var now = clock.GetUtcNow();
        Sweep(now);
        if (_kept.Count >= MaxPages || _pagesPerUser.GetValueOrDefault(user) >= MaxPagesPerUser)
        {
            return null;
        }

        _pagesPerUser.AddOrUpdate(user, 1, static (_, pages) => pages + 1);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _kept[token] = new Kept(user, now + Lifetime, new Dictionary<string, object?>(reads, StringComparer.Ordinal));
        return token;
    }

    /// <summary>
    /// The reads kept under <paramref name="token"/> for <paramref name="user"/>, once, for the taker alone to use up;
    /// null when expired, taken, or someone else's.
    /// </summary>
    public Dictionary<string, object?>? Take(string token, Guid user) =>
        Remove(token) is { } kept && kept.User == user && kept.Until > clock.GetUtcNow() ? kept.Reads : null;

    private Kept? Remove(string token)
    {
        if (!_kept.TryRemove(token, out var kept))
        {
            return null;
        }

        // The user's count goes with their last page, unless a new one came meanwhile.
        if (_pagesPerUser.AddOrUpdate(kept.User, 0, static (_, pages) => pages - 1) == 0)
        {
            _pagesPerUser.TryRemove(KeyValuePair.Create(kept.User, 0));
        }

        return kept;
    }

    private void Sweep(DateTimeOffset now)
    {
        lock (_sweeping)
        {
            if (now < _nextSweep)
            {
                return;
            }

            _nextSweep = now + TimeSpan.FromSeconds(5);
        }

        foreach (var (token, kept) in _kept)
        {
            if (kept.Until <= now)
            {
                Remove(token);
            }
        }
    }

    private sealed record Kept(Guid User, DateTimeOffset Until, Dictionary<string, object?> Reads);
}
