using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using TeleSurv.Portal.Hl7.Mllp;
using TeleSurv.Portal.Hl7.Tests.Support;
using Xunit.Abstractions;

namespace TeleSurv.Portal.Hl7.Tests.Mllp;

/// <summary>
/// Adversarial frames from a fixed seed through a real listener and a handler that reads every field the way a codec
/// does: every frame gets an acknowledgement or a close, a valid message is answered AA afterwards without waiting on
/// any fuzzed frame's deadline, and memory comes back under a bound. The suite runs a small share; <c>TELESURV_FUZZ_FRAMES=100000</c> runs the
/// benchmark (see docs/benchmarks.md). The heap is the process's: the test runs alone, so that no other test's
/// allocations are counted as the listener's.
/// </summary>
[Collection(nameof(FuzzedAlone))]
public sealed class MllpFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261206;
    private const int Connections = 4;
    private const int MaxMessageSize = 512 * 1024;
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(10);
    private static readonly byte[][] Corpus = [.. TestFiles.GoldenFileNames().Select(TestFiles.Golden)];

    private static int Frames =>
        int.TryParse(Environment.GetEnvironmentVariable("TELESURV_FUZZ_FRAMES"), NumberStyles.None, CultureInfo.InvariantCulture, out var frames) && frames > 0
            ? frames
            : 1500;

    [Fact]
    public async Task Every_adversarial_frame_gets_an_ack_or_a_close_and_a_valid_message_is_answered_at_once_afterwards()
    {
        await using var server = new MllpServer(
            new MllpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), MaxMessageSize = MaxMessageSize, FrameTimeout = FrameTimeout },
            new CodecLikeHandler());
        server.Start();
        var baseline = ManagedMemory();
        var total = Frames;

        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Connections).Select(c => Task.Run(() => SendAsync(server.LocalEndPoint, c, total / Connections))));
        clock.Stop();

        var sent = outcomes.Sum(o => o.Frames);
        Assert.Equal(total / Connections * Connections, sent);
        Assert.Equal(sent, outcomes.Sum(o => o.Acks + o.Closes));
        var worst = outcomes.Max(o => o.Worst);

        await using var valid = await RawPeer.ConnectAsync(server.LocalEndPoint);
        var answer = Stopwatch.StartNew();
        await valid.WriteAsync(MllpFraming.Frame(Messages.Adt("AFTER1")));
        var ack = Hl7ReceivedAck.Read(await valid.ReadFrameAsync());
        answer.Stop();
        Assert.True(ack.IsAccepted);
        Assert.Equal("AFTER1", ack.ControlId);
        // A listener held by a fuzzed frame would answer only once that frame's deadline freed it.
        Assert.True(answer.Elapsed < FrameTimeout / 2, $"The valid message after the fuzz was answered in {answer.Elapsed.TotalMilliseconds:0} ms.");

        var after = ManagedMemory();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{sent} frames in {clock.Elapsed.TotalSeconds:0.0} s ({sent / clock.Elapsed.TotalSeconds:0} frames/s), {outcomes.Sum(o => o.Acks)} ACKs, {outcomes.Sum(o => o.Closes)} closes, worst frame {worst.TotalMilliseconds:0} ms, valid message after: {answer.Elapsed.TotalMilliseconds:0} ms, managed heap {baseline / 1048576} -> {after / 1048576} MiB, working set {Environment.WorkingSet / 1048576} MiB"));
        Assert.True(after < baseline + (96L << 20), $"Managed memory went from {baseline >> 20} MiB to {after >> 20} MiB after the fuzz.");
    }

    private static long ManagedMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    // Parses and walks every repetition and the first components of every field, as the ADT codec reads PID-3, PID-5...
    private static byte[] ReadLikeACodec(MllpMessage received)
    {
        var message = Hl7Message.Parse(received.Payload.Span);
        var acks = new Hl7AckBuilder();
        if (message.HasErrors)
        {
            return acks.BuildForParse(message).ToBytes();
        }

        foreach (var segment in message.Segments)
        {
            for (var field = 1; field <= segment.FieldCount; field++)
            {
                foreach (var repetition in segment.Repetitions(field))
                {
                    for (var component = 1; component <= Math.Min(repetition.ComponentCount, 12); component++)
                    {
                        _ = repetition.Component(component).Text;
                    }
                }
            }
        }

        return acks.BuildForParse(message).ToBytes();
    }

    private static async Task<Outcome> SendAsync(IPEndPoint endPoint, int connection, int frames)
    {
        var random = new Random(Seed + connection);
        var outcome = new Outcome();
        var peer = await RawPeer.ConnectAsync(endPoint);
        try
        {
            for (var i = 0; i < frames; i++)
            {
                var bytes = NextFrame(random);
                var clock = Stopwatch.StartNew();
                byte[]? answer;
                try
                {
                    await peer.WriteAsync(bytes);
                    answer = await peer.ReadFrameAsync();
                }
                catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException)
                {
                    answer = null;
                }

                clock.Stop();
                outcome.Frames++;
                outcome.Worst = clock.Elapsed > outcome.Worst ? clock.Elapsed : outcome.Worst;
                if (answer is null)
                {
                    outcome.Closes++;
                    await peer.DisposeAsync();
                    peer = await RawPeer.ConnectAsync(endPoint);
                    continue;
                }

                Assert.True(Hl7ReceivedAck.Read(answer).IsReadable, $"Connection {connection}, frame {i}: the answer is not an acknowledgement.");
                outcome.Acks++;
            }
        }
        finally
        {
            await peer.DisposeAsync();
        }

        return outcome;
    }

    /// <summary>One frame to send, answered by exactly one acknowledgement or a close.</summary>
    private static byte[] NextFrame(Random random)
    {
        var kind = random.Next(10);
        return kind switch
        {
            // Partial frame: a start block and part of a message, abandoned by a new start block and a whole message.
            6 => [MllpFraming.StartBlock, .. Clean(Corpus[random.Next(Corpus.Length)].AsSpan(0, 40).ToArray()), .. MllpFraming.Frame(Clean(Payload(random, random.Next(6))))],
            _ => MllpFraming.Frame(Clean(Payload(random, kind))),
        };
    }

    private static byte[] Payload(Random random, int kind)
    {
        const string header = "MSH|^~\\&|GAM|CHU|TELESURV|GHT|20261206120000||ADT^A28^ADT_A05|FUZZ{0}|P|2.5|||||FRA|{1}\r";
        var id = random.Next(1_000_000);
        string Header(string charset = "UNICODE UTF-8") => string.Format(CultureInfo.InvariantCulture, header, id, charset);
        var run = random.Next(1_000, 200_000);
        return kind switch
        {
            0 => Corpus[random.Next(Corpus.Length)],
            1 => Encoding.UTF8.GetBytes(Header() + "PID|1||1^^^X^PI||" + new string('~', run) + "ROUSSEAU^HELENE\r"),
            2 => Encoding.UTF8.GetBytes(Header() + "PID|1||" + new string('^', run) + "\rPV1|1|I|" + new string('&', run / 2) + "\r"),
            3 => Encoding.UTF8.GetBytes(Header() + "PID|1||1^^^X^PI||" + string.Concat(Enumerable.Repeat(Escape(random), run / 8)) + "\r"),
            4 => MixedEncoding(random, Header),
            5 => Mutate(Corpus[random.Next(Corpus.Length)], random),
            7 => Encoding.UTF8.GetBytes(Header() + "PID|1||1^^^X^PI||" + new string('x', MaxMessageSize) + "\r"),
            8 => RandomBytes(random),
            _ => Encoding.UTF8.GetBytes(Header() + "PID|1||" + string.Join('~', Enumerable.Range(0, run / 16).Select(i => $"{i}^^^A&1.2.{i}&ISO^PI")) + "\r"),
        };
    }

    private static string Escape(Random random) => random.Next(6) switch
    {
        0 => "\\\\",
        1 => "\\F\\S\\",
        2 => "\\X" + new string('A', random.Next(1, 40)) + "\\",
        3 => "\\.sp " + random.Next(1_000_000) + "\\",
        4 => "\\",
        _ => "\\Q\\",
    };

    private static byte[] MixedEncoding(Random random, Func<string, string> header) => random.Next(4) switch
    {
        0 => [.. Encoding.ASCII.GetBytes(header("8859/1") + "PID|1||1^^^X^PI||"), .. Encoding.UTF8.GetBytes("HÉLÈNE€\r")],
        1 => [.. Encoding.ASCII.GetBytes(header("UNICODE UTF-8") + "PID|1||1^^^X^PI||"), .. Encoding.Latin1.GetBytes("HÉLÈNE\r"), 0xC3, 0x28, 0xF0, 0x9F],
        2 => [.. Encoding.ASCII.GetBytes(header(string.Empty) + "PID|1||1^^^X^PI||"), .. Encoding.UTF8.GetBytes("ùùù\r")],
        _ => [.. Encoding.ASCII.GetBytes(header("KOI8-R") + "PID|1||1^^^X^PI||"), 0xE9, 0xFF, 0x80, (byte)'\r'],
    };

    private static byte[] Mutate(byte[] original, Random random)
    {
        const string replacements = "|^~\\&\r\"0A\u00e9";
        var bytes = original.ToArray();
        for (var i = random.Next(1, 12); i > 0 && bytes.Length > 0; i--)
        {
            bytes[random.Next(bytes.Length)] = (byte)replacements[random.Next(replacements.Length)];
        }

        return bytes;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }

    // The payload may hold anything but the framing bytes themselves, which would cut it into other frames.
    private static byte[] Clean(byte[] payload)
    {
        var copy = payload.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] is MllpFraming.StartBlock or MllpFraming.EndBlock)
            {
                copy[i] = (byte)'?';
            }
        }

        return copy;
    }

    // Keeps nothing of what it reads: the memory bound is the server's and the codec's, not a recording's.
    private sealed class CodecLikeHandler : IMllpMessageHandler
    {
        public ValueTask<ReadOnlyMemory<byte>> HandleAsync(MllpMessage message, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ReadOnlyMemory<byte>>(ReadLikeACodec(message));
    }

    private sealed class Outcome
    {
        public int Frames { get; set; }

        public int Acks { get; set; }

        public int Closes { get; set; }

        public TimeSpan Worst { get; set; }
    }
}

[CollectionDefinition(nameof(FuzzedAlone), DisableParallelization = true)]
public sealed class FuzzedAlone;
