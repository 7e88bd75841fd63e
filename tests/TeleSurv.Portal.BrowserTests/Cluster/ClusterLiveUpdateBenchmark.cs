using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Tests.Cluster;
using Xunit.Abstractions;

namespace TeleSurv.Portal.BrowserTests.Cluster;

/// <summary>
/// How long an alert committed on one instance takes to reach the other: two portal processes on one PostgreSQL
/// database (the cluster harness), N patients answering with a fever through instance b's patient API, and
/// instance a's live-update listener writing, for each change it hears, the backplane lag it records
/// (<c>telesurv.backplane.lag</c>, read from its debug log line). Runs only when <c>TELESURV_BENCH_CLUSTER=1</c>
/// (tests/bench/cluster-load.sh; see docs/benchmarks.md).
/// </summary>
public sealed partial class ClusterLiveUpdateBenchmark(ITestOutputHelper output)
{
    private const int ConcurrentPatients = 4;

    [ClusterBenchmarkFact]
    public async Task Alerts_committed_on_one_instance_heard_by_the_other()
    {
        var changes = int.Parse(Environment.GetEnvironmentVariable("TELESURV_BENCH_CLUSTER_CHANGES") ?? "200", CultureInfo.InvariantCulture);
        await using var cluster = await PortalCluster.StartAsync(
            2,
            seedDemoData: true,
            ("RateLimits:PatientLinks:PermitsPerAddress", "100000"),
            ("Logging:LogLevel:TeleSurv.Portal.Infrastructure.Notifications.PostgresAlertBackplane", "Debug"));
        var a = cluster.Node("a");
        var b = cluster.Node("b");
        List<string> tokens;
        await using (var db = cluster.Database.CreateContext())
        {
            tokens = await BenchPatients.AddAsync(db, changes);
        }

        var raised = 0;
        using var gate = new SemaphoreSlim(ConcurrentPatients);
        var started = DateTime.UtcNow;
        await Task.WhenAll(tokens.Select(async token =>
        {
            await gate.WaitAsync();
            try
            {
                using var patient = new PatientApiClient(b.Address, token);
                var answer = await patient.SubmitAsync(await patient.OpenWeekAsync(), 38.6m);
                if (answer["alert"]?["id"] is not null)
                {
                    Interlocked.Increment(ref raised);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        var sent = DateTime.UtcNow - started;
        Assert.Equal(changes, raised);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<double> lags;
        while ((lags = Lags(a.Output)).Count < changes)
        {
            Assert.True(DateTime.UtcNow < deadline, $"instance a heard {lags.Count} of {changes} changes within 60 s");
            await Task.Delay(100);
        }

        lags.Sort();
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{changes} alerts committed on instance b in {sent.TotalSeconds:F1} s ({changes / sent.TotalSeconds:F0}/s, {ConcurrentPatients} patients at a time); {lags.Count} changes heard on instance a")
            .AppendLine(CultureInfo.InvariantCulture, $"committed on b -> heard on a: p50 {Percentile(lags, 0.50):F1} ms, p95 {Percentile(lags, 0.95):F1} ms, p99 {Percentile(lags, 0.99):F1} ms, max {lags[^1]:F1} ms")
            .AppendLine(CultureInfo.InvariantCulture, $"load average: {File.ReadAllText("/proc/loadavg").Trim()}")
            .ToString();
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, "cluster-live-updates.txt"), report);
    }

    private static List<double> Lags(string log) =>
        [.. HeardLine().Matches(log).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    [GeneratedRegex(@"heard ([0-9]+(?:\.[0-9]+)?) ms after its publication")]
    private static partial Regex HeardLine();
}

/// <summary>A benchmark, run only when TELESURV_BENCH_CLUSTER=1.</summary>
public sealed class ClusterBenchmarkFactAttribute : FactAttribute
{
    public const string Variable = "TELESURV_BENCH_CLUSTER";

    public ClusterBenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"A benchmark: set {Variable}=1 to run it (tests/bench/cluster-load.sh, docs/benchmarks.md).";
        }
    }
}
