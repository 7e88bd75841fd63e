using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TeleSurv.Portal.Hl7;

namespace TeleSurv.Portal.Benchmarks.Hl7;

/// <summary>
/// Parse rate per second of CPU time, next to the wall-clock rate: on a machine shared with other work the wall
/// clock counts the time the process waited for a core, CPU time does not. tests/bench/hl7-parse-compare.sh runs
/// it (<c>hl7-cpu-rate SECONDS</c>) beside python-hl7 measured the same way. Process CPU time includes the runtime's
/// own threads, so the figure errs on the low side.
/// </summary>
internal static class Hl7CpuRate
{
    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var admission = new[] { Hl7Corpus.Load("ADT_A01.hl7") };
        var corpus = Hl7Corpus.LoadAll();
        Measure(corpus, 2);
        var admissionRate = Measure(admission, seconds);
        var corpusRate = Measure(corpus, seconds);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            runtime = Environment.Version.ToString(),
            messages = corpus.Length,
            admission_per_cpu_second = admissionRate.PerCpuSecond,
            admission_per_second = admissionRate.PerSecond,
            corpus_per_cpu_second = corpusRate.PerCpuSecond,
            corpus_per_second = corpusRate.PerSecond,
        }));
        return 0;
    }

    private static (double PerCpuSecond, double PerSecond) Measure(byte[][] messages, double seconds)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        long count = 0;
        var segments = 0;
        while (wall.Elapsed.TotalSeconds < seconds)
        {
            for (var round = 0; round < 100; round++)
            {
                foreach (var bytes in messages)
                {
                    segments += Hl7Message.Parse(bytes).SegmentCount;
                }
            }

            count += 100L * messages.Length;
        }

        var elapsed = wall.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        if (segments == 0)
        {
            throw new InvalidOperationException("Nothing was parsed.");
        }

        return (count / cpu, count / elapsed);
    }
}
