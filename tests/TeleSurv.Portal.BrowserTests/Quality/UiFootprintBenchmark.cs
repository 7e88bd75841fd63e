using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Infrastructure.Seeding;
using Xunit.Abstractions;

namespace TeleSurv.Portal.BrowserTests.Quality;

/// <summary>
/// What the screens cost, measured from outside on a portal started by <c>tests/bench/ui-footprint.sh</c> (which runs
/// it against two builds in one run): the time until the queue, the alert page and the chart are interactive, the
/// first time after start (cold), the five times after that (warm) and five times once each page has been opened
/// fifteen times more (settled), and the server's managed heap and working set per open live queue
/// (<see cref="Variable"/>_QUEUES pages of the queue open in one Chromium, the heap read after a full collection).
/// </summary>
public sealed partial class UiFootprintBenchmark(ITestOutputHelper output) : IAsyncLifetime
{
    public const string Variable = "TELESURV_BENCH_UI";
    private const int WarmRuns = 5;
    private const int SettlingRuns = 10;

    // A little longer than the circuits' default retention once disconnected.
    private static readonly TimeSpan LeftoverCircuitsPatience = TimeSpan.FromMinutes(3.5);

    // Interactive: the layout's circuit flag is up and the page's own content is there; the value is the time since
    // the document's navigation started, on the browser's clock.
    private const string Ready = """
        selector => document.querySelector("[data-interactive='true']") && document.querySelector(selector) ? performance.now() : null
        """;

    private readonly BrowserFixture _browser = new();
    private readonly Uri _portal = new(Environment.GetEnvironmentVariable(Variable + "_URL") ?? "http://127.0.0.1:5000/");
    private readonly int _portalProcess = int.Parse(Environment.GetEnvironmentVariable(Variable + "_PID") ?? "0", CultureInfo.InvariantCulture);
    private readonly string _label = Environment.GetEnvironmentVariable(Variable + "_LABEL") ?? "portal";
    private readonly int _queues = int.Parse(Environment.GetEnvironmentVariable(Variable + "_QUEUES") ?? "100", CultureInfo.InvariantCulture);

    public Task InitializeAsync() => _browser.InitializeAsync();

    public Task DisposeAsync() => _browser.DisposeAsync();

    [UiFootprintBenchmarkFact]
    public async Task Time_until_interactive_and_server_memory_per_open_queue()
    {
        var context = await _browser.NewContextAsync(_portal, width: 1440, height: 900);
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();

        // Cold: the first of each page since the portal started, as the first nurse of the morning meets them.
        var (coldQueue, coldAlert, coldChart, alertPath, chartPath) = await FirstOpeningsAsync(page, (_, _) => Task.CompletedTask);

        var warm = new Dictionary<string, List<double>> { ["queue"] = [], ["alert"] = [], ["chart"] = [] };
        var settled = new Dictionary<string, List<double>> { ["queue"] = [], ["alert"] = [], ["chart"] = [] };
        for (var i = 0; i < WarmRuns + SettlingRuns + WarmRuns; i++)
        {
            var times = i < WarmRuns ? warm : i >= WarmRuns + SettlingRuns ? settled : null;
            var queue = await OpenAsync(page, "alerts", "[data-alert-id]");
            var alert = await OpenAsync(page, alertPath, "h1");
            var chart = await OpenAsync(page, chartPath, "h1");
            times?["queue"].Add(queue);
            times?["alert"].Add(alert);
            times?["chart"].Add(chart);
        }

        // Memory: one queue open, then the others, each a live circuit of its own. A page left without the browser
        // saying so keeps its circuit on the server, disconnected, until the retention period ends (three minutes by
        // default): the first reading waits for those of the timed openings to go, or it would count them.
        await OpenAsync(page, "alerts", "[data-alert-id]");
        var before = await ServerMemoryAsync(keepDump: DumpPath(1));
        var waitedForLeftovers = Stopwatch.StartNew();
        while (before.Circuits > 1 && waitedForLeftovers.Elapsed < LeftoverCircuitsPatience)
        {
            await Task.Delay(TimeSpan.FromSeconds(15));
            before = await ServerMemoryAsync(keepDump: DumpPath(1));
        }

        for (var i = 1; i < _queues; i++)
        {
            await OpenAsync(await context.NewPageAsync(), "alerts", "[data-alert-id]");
        }

        // The heaps with one queue open and with every queue open are kept: `dotnet gcdump report` on each says which
        // types hold the memory, and their difference is what the open queues hold, divided by the circuits the
        // server holds in addition (the queues opened, unless a leftover circuit went in between).
        var after = await ServerMemoryAsync(keepDump: DumpPath(_queues));
        var added = after.Circuits - before.Circuits;
        Assert.True(added > 0, $"the server holds {after.Circuits} circuits with {_queues} queues open, {before.Circuits} with one");
        var heapPerQueue = (after.Heap - before.Heap) / added;
        var liveHeapPerQueue = (after.LiveHeap - before.LiveHeap) / added;
        var workingSetPerQueue = (after.WorkingSet - before.WorkingSet) / added;
        await context.CloseAsync();

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{_label}: until interactive, cold / warm median (max of {WarmRuns}), ms:")
            .AppendLine(CultureInfo.InvariantCulture, $"{_label}:   queue {coldQueue:F0} / {Median(warm["queue"]):F0} ({warm["queue"].Max():F0}); alert page {coldAlert:F0} / {Median(warm["alert"]):F0} ({warm["alert"].Max():F0}); chart {coldChart:F0} / {Median(warm["chart"]):F0} ({warm["chart"].Max():F0})")
            .AppendLine(CultureInfo.InvariantCulture, $"{_label}: settled, after {WarmRuns + SettlingRuns} more of each, median (max of {WarmRuns}), ms: queue {Median(settled["queue"]):F0} ({settled["queue"].Max():F0}); alert page {Median(settled["alert"]):F0} ({settled["alert"].Max():F0}); chart {Median(settled["chart"]):F0} ({settled["chart"].Max():F0})")
            .AppendLine(CultureInfo.InvariantCulture, $"{_label}: server with 1 queue open ({before.Circuits} circuits, after {waitedForLeftovers.Elapsed.TotalSeconds:F0} s): live objects {before.LiveHeap:F1} MiB, heap {before.Heap:F1} MiB, working set {before.WorkingSet:F1} MiB; with {_queues} ({after.Circuits} circuits): live objects {after.LiveHeap:F1} MiB, heap {after.Heap:F1} MiB, working set {after.WorkingSet:F1} MiB")
            .AppendLine(CultureInfo.InvariantCulture, $"{_label}: per open queue ({added} circuits added): live objects {liveHeapPerQueue * 1024:F0} KiB, heap {heapPerQueue * 1024:F0} KiB, working set {workingSetPerQueue * 1024:F0} KiB; 1,000 queues: about {before.LiveHeap + 999 * liveHeapPerQueue:F0} MiB of live objects, {before.WorkingSet + 999 * workingSetPerQueue:F0} MiB of working set")
            .AppendLine(CultureInfo.InvariantCulture, $"{_label}: load average {File.ReadAllText("/proc/loadavg").Trim()}")
            .ToString();
        output.WriteLine(report);
        await File.AppendAllTextAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, "ui-footprint.txt"), report);
        Assert.True(heapPerQueue > 0, "the open queues hold server memory: the measure saw them");
    }

    /// <summary>
    /// The first openings after a start alone (tests/bench/ui-cold.sh starts the portal afresh for each): the queue,
    /// an alert and its patient's chart, each with the time of its first byte and of its document's load, so that
    /// the server's first render and the live page's start can be told apart. One line per page in the file
    /// <see cref="Variable"/>_OPENINGS names.
    /// </summary>
    [UiFootprintBenchmarkFact]
    public async Task First_openings_after_a_start()
    {
        var openings = Environment.GetEnvironmentVariable(Variable + "_OPENINGS") ?? Path.Combine(BrowserFixture.ArtifactsDirectory, "ui-cold-openings.tsv");
        var context = await _browser.NewContextAsync(_portal, width: 1440, height: 900);
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();

        var lines = new StringBuilder();
        await FirstOpeningsAsync(page, async (name, ready) => lines.AppendLine(await TimingLineAsync(page, name, ready)));
        await context.CloseAsync();

        output.WriteLine(lines.ToString());
        await File.AppendAllTextAsync(openings, lines.ToString());
    }

    /// <summary>
    /// Signs the demo nurse in, which opens her queue, then opens the queue's first alert and its patient's chart: the
    /// time until each is interactive, told to <paramref name="opened"/> before the next page opens, and the two pages' paths.
    /// </summary>
    private static async Task<(double Queue, double Alert, double Chart, string AlertPath, string ChartPath)> FirstOpeningsAsync(
        IPage page, Func<string, double, Task> opened)
    {
        await page.GotoAsync("account/signin");
        await page.Locator($"button[data-login='{DemoSeed.IdeLogin}']").ClickAsync();
        var queue = await ReadyAtAsync(page, "[data-alert-id]");
        await opened("queue", queue);
        var alertPath = await page.Locator("a[href^='alerts/']").First.GetAttributeAsync("href");
        var alert = await OpenAsync(page, alertPath!, "h1");
        await opened("alert", alert);
        var chartPath = await page.Locator("a[href^='patients/']").First.GetAttributeAsync("href");
        var chart = await OpenAsync(page, chartPath!, "h1");
        await opened("chart", chart);
        return (queue, alert, chart, alertPath!, chartPath!);
    }

    private async Task<string> TimingLineAsync(IPage page, string name, double ready)
    {
        var navigation = await page.EvaluateAsync<double[]>(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseStart, n.domContentLoadedEventEnd]; }");
        return string.Join('\t', _label, name, ready.ToString("F0", CultureInfo.InvariantCulture),
            navigation[0].ToString("F0", CultureInfo.InvariantCulture), navigation[1].ToString("F0", CultureInfo.InvariantCulture));
    }

    private string DumpPath(int queues) =>
        Path.Combine(BrowserFixture.ArtifactsDirectory, $"ui-footprint-{string.Concat(_label.Where(char.IsLetterOrDigit))}-{queues}-queues.gcdump");

    private static async Task<double> OpenAsync(IPage page, string path, string selector)
    {
        await page.GotoAsync(path);
        return await ReadyAtAsync(page, selector);
    }

    private static async Task<double> ReadyAtAsync(IPage page, string selector)
    {
        var handle = await page.WaitForFunctionAsync(Ready, selector);
        return await handle.JsonValueAsync<double>();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>
    /// The portal's memory in MiB: the objects alive after a full collection (dotnet-gcdump induces one and counts
    /// them), and the managed heap's size after that collection (free space between objects included) and the working
    /// set, from the runtime's own counters (dotnet-counters).
    /// </summary>
    private async Task<(double LiveHeap, double Heap, double WorkingSet, int Circuits)> ServerMemoryAsync(string keepDump)
    {
        var folder = Directory.CreateTempSubdirectory("telesurv-ui-footprint").FullName;
        try
        {
            var heapDump = Path.Combine(folder, "heap.gcdump");
            await RunToolAsync("dotnet-gcdump", "collect", "-p", $"{_portalProcess}", "-o", heapDump);
            File.Copy(heapDump, keepDump, overwrite: true);
            var report = await RunToolAsync("dotnet-gcdump", "report", heapDump);
            var liveBytes = long.Parse(
                LiveHeapBytes().Match(report).Groups["bytes"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var circuitHosts = CircuitHosts().Match(report);
            var circuits = circuitHosts.Success ? int.Parse(circuitHosts.Groups["count"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture) : 0;

            var counters = Path.Combine(folder, "counters.json");
            await RunToolAsync("dotnet-counters", "collect", "-p", $"{_portalProcess}", "--duration", "00:00:00:03", "--format", "json", "-o", counters, "--counters", "System.Runtime");
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(counters));
            var last = new Dictionary<(string, string), double>();
            foreach (var sample in json.RootElement.GetProperty("Events").EnumerateArray())
            {
                last[(sample.GetProperty("name").GetString()!, sample.GetProperty("tags").GetString()!)] = sample.GetProperty("value").GetDouble();
            }

            var heap = last.Where(s => s.Key.Item1.StartsWith("dotnet.gc.last_collection.heap.size", StringComparison.Ordinal)).Sum(s => s.Value);
            var workingSet = last.Single(s => s.Key.Item1.StartsWith("dotnet.process.memory.working_set", StringComparison.Ordinal)).Value;
            return (liveBytes / (double)(1 << 20), heap / (1 << 20), workingSet / (1 << 20), circuits);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"(?<bytes>[\d,]+)\s+GC Heap bytes")]
    private static partial Regex LiveHeapBytes();

    // A line of the report: the objects' average size, their count, the type.
    [GeneratedRegex(@"^\s*[\d,]+\s+(?<count>[\d,]+)\s+Microsoft\.AspNetCore\.Components\.Server\.Circuits\.CircuitHost\s", RegexOptions.Multiline)]
    private static partial Regex CircuitHosts();

    private static async Task<string> RunToolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", ["tool", "run", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var tool = Process.Start(start)!;
        var standardOutput = tool.StandardOutput.ReadToEndAsync();
        var standardError = tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync();
        if (tool.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool run {string.Join(' ', arguments)} failed ({tool.ExitCode}): {await standardOutput} {await standardError}");
        }

        return await standardOutput;
    }
}

public sealed class UiFootprintBenchmarkFactAttribute : FactAttribute
{
    public UiFootprintBenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(UiFootprintBenchmark.Variable + "_URL") is null)
        {
            Skip = $"A benchmark: tests/bench/ui-footprint.sh runs it against a started portal ({UiFootprintBenchmark.Variable}_URL; docs/benchmarks.md).";
        }
    }
}
