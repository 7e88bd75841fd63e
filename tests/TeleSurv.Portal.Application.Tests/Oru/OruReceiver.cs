using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Oru;

/// <summary>
/// The EAI of the tests: tests/peers/oru-receiver.mjs, an MLLP receiver on Medplum's HL7 server (npm @medplum/hl7),
/// run with Node. It records what it receives and answers what the test scripts; it can be stopped and started
/// again on the same port, as an EAI that goes down and comes back.
/// </summary>
public sealed class OruReceiver : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions RecordFormat = new(JsonSerializerDefaults.Web);

    private readonly string _record = Path.Combine(Path.GetTempPath(), $"telesurv-oru-{Guid.NewGuid():N}.jsonl");
    private readonly string _encoding;
    private readonly List<ReceivedMessage> _earlier = [];
    private Process? _process;
    private Channel<string> _lines = Channel.CreateUnbounded<string>();
    private int _receivedSinceStart;

    private OruReceiver(int port, string encoding)
    {
        Port = port;
        _encoding = encoding;
    }

    public int Port { get; }

    public static string PeersDirectory { get; } = Path.Combine(FindRoot(), "tests", "peers");

    public static OruReceiver Stopped(string encoding = "utf-8") => new(LoopbackPorts.Free(), encoding);

    public static async Task<OruReceiver> StartAsync(string answer = "AA", string encoding = "utf-8")
    {
        var receiver = Stopped(encoding);
        await receiver.StartAgainAsync(answer);
        return receiver;
    }

    /// <summary>Starts the receiver (again) on its port; what it received before is kept.</summary>
    public async Task StartAgainAsync(string answer = "AA")
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("The receiver is already running.");
        }

        if (!Directory.Exists(Path.Combine(PeersDirectory, "node_modules", "@medplum", "hl7")))
        {
            throw new InvalidOperationException($"The test receiver needs its npm packages: run 'npm ci' in {PeersDirectory} (tests/run.sh does).");
        }

        _earlier.AddRange(ReadRecord());
        _lines = Channel.CreateUnbounded<string>();
        Volatile.Write(ref _receivedSinceStart, 0);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = PeersDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "oru-receiver.mjs", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--record", _record, "--encoding", _encoding, "--answer", answer })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var lines = _lines;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                // Counted as it comes: a wait for a command's answer may read past this line.
                if (e.Data.StartsWith("received ", StringComparison.Ordinal))
                {
                    Volatile.Write(ref _receivedSinceStart, int.Parse(e.Data.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
                }

                lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Writer.TryWrite("stderr " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitForAsync(line => line.StartsWith("listening", StringComparison.Ordinal), StartTimeout);
    }

    /// <summary>Stops the receiver at once, as an EAI that goes down: connections drop, the port refuses.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>The standing answer from now on: AA, AE, AR, CA, CE, CR, none (silence) or close (hang up).</summary>
    public Task AnswerAsync(string code) => CommandAsync($"answer {code}");

    /// <summary>Answers to the next messages, in order, before the standing answer again.</summary>
    public Task ScriptAsync(params string[] codes) => CommandAsync($"script {string.Join(',', codes)}");

    /// <summary>Waits until the receiver has got <paramref name="count"/> messages since it last started.</summary>
    public Task WaitForReceivedAsync(int count, TimeSpan timeout) =>
        Volatile.Read(ref _receivedSinceStart) >= count
            ? Task.CompletedTask
            : WaitForAsync(_ => Volatile.Read(ref _receivedSinceStart) >= count, timeout);

    /// <summary>Every message received, in arrival order, over every run of the receiver.</summary>
    public IReadOnlyList<ReceivedMessage> Received => [.. _earlier, .. ReadRecord()];

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        File.Delete(_record);
    }

    private async Task CommandAsync(string command)
    {
        var process = _process ?? throw new InvalidOperationException("The receiver is not running.");
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
        var verb = command.Split(' ')[0];
        await WaitForAsync(line => line.StartsWith(verb + " ", StringComparison.Ordinal) || line.StartsWith("error", StringComparison.Ordinal), StartTimeout);
    }

    private async Task WaitForAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cancellation.Token);
                seen.Add(line);
                if (line.StartsWith("error", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"The receiver refused a command: {line}");
                }

                if (condition(line))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The receiver did not answer within {timeout}; it said: {string.Join(" | ", seen)}");
        }
    }

    private List<ReceivedMessage> ReadRecord()
    {
        if (!File.Exists(_record))
        {
            return [];
        }

        using var stream = new FileStream(_record, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var messages = new List<ReceivedMessage>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                messages.Add(JsonSerializer.Deserialize<ReceivedMessage>(line, RecordFormat)!);
            }
        }

        return messages;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TeleSurv.Portal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No TeleSurv.Portal.sln above '{AppContext.BaseDirectory}'.");
    }
}

/// <summary>One message as the receiver recorded it: its MSH-10, the answer it gave and the message text.</summary>
public sealed record ReceivedMessage(int N, string ControlId, string Answer, string Message);
