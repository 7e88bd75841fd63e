using System.Globalization;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Auditing;

namespace TeleSurv.Portal.Application.PatientLinks;

/// <summary>How refused patient links are written to the audit trail (<c>Audit:RefusedLinks</c>).</summary>
public sealed class RefusedLinkBurstOptions
{
    /// <summary>Refusals from one client address written one entry each within a window; past it they are counted.</summary>
    public int Threshold { get; set; } = 20;

    /// <summary>The window, from a burst's first refusal.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Addresses followed at once. Refusals from addresses beyond are counted together under "other addresses", so
    /// that guesses spread over many addresses cannot grow the table without bound.
    /// </summary>
    public int MaxAddresses { get; set; } = 10_000;
}

/// <summary>
/// Keeps a burst of refused patient links from writing one audit entry per guess. Within a window, the first
/// <see cref="RefusedLinkBurstOptions.Threshold"/> refusals from an address get an entry of their own; the others, and
/// the requests the rate limiter turned away, are counted by reason and written as one summary entry
/// (<see cref="SummaryAction"/>, denied) when the window ends, or when the portal stops.
/// </summary>
/// <remarks>
/// The counts live in the process until their summary is written: a process killed outright loses the summary of the
/// burst in progress, not the entries written one by one before the threshold.
/// </remarks>
public sealed class RefusedLinkBursts(RefusedLinkBurstOptions options, TimeProvider timeProvider)
{
    public const string SummaryAction = "patient-link.refused-burst";

    /// <summary>The reason counted for a request the rate limiter answered with 429.</summary>
    public const string RateLimited = "RateLimited";

    private const string UnknownAddress = "unknown address";
    private const string OtherAddresses = "other addresses";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Burst> _bursts = new(StringComparer.Ordinal);
    private readonly List<AuditRecord> _ended = [];

    public RefusedLinkBurstOptions Options => options;

    /// <summary>Counts a refused link: true when it gets an entry of its own, false when its burst's summary counts it.</summary>
    public bool Admit(string? clientAddress, string reason) => Count(clientAddress, reason, mayWrite: true);

    /// <summary>Counts a request turned away before it was looked at (429): never an entry of its own.</summary>
    public void CountRateLimited(string? clientAddress) => Count(clientAddress, RateLimited, mayWrite: false);

    /// <summary>
    /// The summaries of the bursts whose window has ended, or of every burst (<paramref name="all"/>, at shutdown).
    /// Each summary is handed out once.
    /// </summary>
    public IReadOnlyList<AuditRecord> TakeSummaries(bool all = false)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            foreach (var (address, burst) in _bursts.Where(pair => all || pair.Value.HasEnded(now, options.Window)).ToList())
            {
                _bursts.Remove(address);
                End(address, burst);
            }

            var summaries = _ended.ToList();
            _ended.Clear();
            return summaries;
        }
    }

    private bool Count(string? clientAddress, string reason, bool mayWrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var now = timeProvider.GetUtcNow();
        var address = string.IsNullOrWhiteSpace(clientAddress) ? UnknownAddress : clientAddress;
        lock (_gate)
        {
            if (_bursts.Count >= options.MaxAddresses && !_bursts.ContainsKey(address))
            {
                address = OtherAddresses;
                mayWrite = false;
            }

            var burst = Current(address, now);
            if (mayWrite && burst.Written < options.Threshold)
            {
                burst.Written++;
                return true;
            }

            burst.Summarise(reason, now);
            return false;
        }
    }

    /// <summary>The address's burst in progress; one that has ended is summarised and a new one begins.</summary>
    private Burst Current(string address, DateTimeOffset now)
    {
        if (_bursts.TryGetValue(address, out var burst))
        {
            if (!burst.HasEnded(now, options.Window))
            {
                return burst;
            }

            End(address, burst);
        }

        burst = new Burst(now);
        _bursts[address] = burst;
        return burst;
    }

    private void End(string address, Burst burst)
    {
        if (burst.Counted == 0)
        {
            return;
        }

        var reasons = string.Join(", ", burst.ByReason.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}: {pair.Value}"));
        var firsts = burst.Written == 0 ? string.Empty : $" The first {burst.Written} have entries of their own.";
        _ended.Add(new AuditRecord
        {
            Action = SummaryAction,
            Outcome = AuditOutcome.Denied,
            Actor = PatientLinkAccess.AuditActor,
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"{burst.Counted} further patient links refused from {address} between {burst.FirstCounted:yyyy-MM-dd'T'HH:mm:ss'Z'} and {burst.LastCounted:yyyy-MM-dd'T'HH:mm:ss'Z'} ({reasons}).{firsts}"),
        });
    }

    private sealed class Burst(DateTimeOffset start)
    {
        public int Written { get; set; }

        public long Counted { get; private set; }

        public Dictionary<string, long> ByReason { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset FirstCounted { get; private set; }

        public DateTimeOffset LastCounted { get; private set; }

        public bool HasEnded(DateTimeOffset now, TimeSpan window) => now >= start + window;

        public void Summarise(string reason, DateTimeOffset now)
        {
            if (Counted == 0)
            {
                FirstCounted = now;
            }

            Counted++;
            LastCounted = now;
            ByReason[reason] = ByReason.GetValueOrDefault(reason) + 1;
        }
    }
}
