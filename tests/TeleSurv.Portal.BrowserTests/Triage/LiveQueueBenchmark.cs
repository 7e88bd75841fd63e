using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Notifications;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Infrastructure.Seeding;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;
using Xunit.Abstractions;

namespace TeleSurv.Portal.BrowserTests.Triage;

/// <summary>
/// How long a new alert takes from its commit to its row in open queues: 200 answers sent through the patient API
/// (one in four raising an urgent alert) while 20 queues are open in Chromium. Runs only when
/// <c>TELESURV_BENCH_LIVE_QUEUE=1</c> (see docs/benchmarks.md): it takes minutes, outside the test run's budget.
/// </summary>
public sealed class LiveQueueBenchmark(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Submissions = 200;
    private const int RaisingEvery = 4;
    private const int Queues = 20;
    private const int ConcurrentPatients = 4;

    private readonly CommitClock _commits = new();
    private readonly BrowserFixture _browser = new();
    private TestDatabase _database = null!;
    private PortalAppFactory Factory { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        Factory = new PortalAppFactory(
            // 200 patients answer from one loopback address: above the per-address limit meant for one real client.
            _database.WithSettings(("Demo:SeedOnEmptyDatabase", "true"), ("RateLimits:PatientLinks:PermitsPerAddress", "100000")),
            kestrel: true,
            services: services => services.AddSingleton<IAlertNotifier>(sp => new TimedNotifier(sp.GetRequiredService<InProcessAlertNotifier>(), _commits)));
        _ = Factory.ServerAddress;
        await _browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [LiveQueueBenchmarkFact]
    public async Task Submission_committed_to_row_rendered_in_twenty_open_queues()
    {
        var tokens = await AddPatientsAsync();
        var pages = new List<IPage>();
        for (var i = 0; i < Queues; i++)
        {
            var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Factory.ServerAddress.ToString(), Locale = "fr-FR" });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await PortalPages.SignInAsync(page, i % 2 == 0 ? DemoSeed.IdeLogin : DemoSeed.IpaLogin);
            await page.Locator("[data-live='true']").WaitForAsync();
            await page.EvaluateAsync(WatchRows);
            pages.Add(page);
        }

        var raising = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(ConcurrentPatients);
        var started = DateTime.UtcNow;
        await Task.WhenAll(tokens.Select(async (token, index) =>
        {
            await gate.WaitAsync();
            try
            {
                using var patient = new PatientApiClient(Factory.ServerAddress, token);
                var answer = await patient.SubmitAsync(await patient.OpenWeekAsync(), index % RaisingEvery == 0 ? 38.6m : 36.9m);
                if (answer["alert"]?["id"]?.GetValue<string>() is { } id)
                {
                    raising.Add(id);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        var sent = DateTime.UtcNow - started;
        Assert.Equal(Submissions / RaisingEvery, raising.Count);

        var latencies = new List<double>();
        foreach (var page in pages)
        {
            var expected = string.Join(",", raising.Select(id => $"'{id}'"));
            await page.WaitForFunctionAsync($"() => [{expected}].every(id => window.__seen.has(id))", null, new() { Timeout = 60_000 });
            var seen = await page.EvaluateAsync<Dictionary<string, double>>("() => Object.fromEntries(window.__seen)");
            latencies.AddRange(raising.Select(id => seen[id] - _commits.At(Guid.Parse(id))));
        }

        latencies.Sort();
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{Submissions} submissions ({raising.Count} raising an alert) in {sent.TotalSeconds:F1} s, {ConcurrentPatients} at a time; {Queues} open queues; {latencies.Count} rows observed")
            .AppendLine(CultureInfo.InvariantCulture, $"committed -> row rendered: p50 {Percentile(latencies, 0.50):F0} ms, p95 {Percentile(latencies, 0.95):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {latencies[^1]:F0} ms")
            .AppendLine(CultureInfo.InvariantCulture, $"load average: {File.ReadAllText("/proc/loadavg").Trim()}")
            .ToString();
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, "live-queue-benchmark.txt"), report);
    }

    // Each row's first appearance, on the browser's wall clock (the same machine's clock as the portal's).
    private const string WatchRows = """
        () => {
            window.__seen = new Map();
            const look = () => {
                const now = Date.now();
                for (const row of document.querySelectorAll('[data-queue-grid] [data-alert-id]')) {
                    const id = row.getAttribute('data-alert-id');
                    if (!window.__seen.has(id)) window.__seen.set(id, now);
                }
            };
            look();
            new MutationObserver(look).observe(document.body, { childList: true, subtree: true });
        }
        """;

    /// <summary>
    /// The demo's unresolved alerts are set aside and <see cref="Submissions"/> patients of the nurses' establishment
    /// get a link, each with a week open today: the 50 new urgent alerts then fill exactly the queue's first page.
    /// </summary>
    private async Task<List<string>> AddPatientsAsync()
    {
        var factory = Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await BenchPatients.AddAsync(db, Submissions);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>When each alert was published, that is just after its transaction committed.</summary>
    private sealed class CommitClock
    {
        private readonly ConcurrentDictionary<Guid, double> _published = new();

        public void Record(AlertChanged change)
        {
            if (change.Kind == AlertChangeKind.Raised)
            {
                _published.TryAdd(change.AlertId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            }
        }

        public double At(Guid alertId) => _published[alertId];
    }

    private sealed class TimedNotifier(InProcessAlertNotifier inner, CommitClock clock) : IAlertNotifier
    {
        public void Publish(AlertChanged change)
        {
            clock.Record(change);
            inner.Publish(change);
        }
    }
}

/// <summary>A benchmark, run only when TELESURV_BENCH_LIVE_QUEUE=1.</summary>
public sealed class LiveQueueBenchmarkFactAttribute : FactAttribute
{
    public const string Variable = "TELESURV_BENCH_LIVE_QUEUE";

    public LiveQueueBenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"A benchmark: set {Variable}=1 to run it (docs/benchmarks.md).";
        }
    }
}
