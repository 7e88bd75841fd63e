using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using TeleSurv.Portal.Hl7.Mllp;

namespace TeleSurv.Portal.Hl7.Tests.Support;

/// <summary>A handler that records each message and answers what the test says (AA by default).</summary>
internal sealed class RecordingHandler : IMllpMessageHandler
{
    private readonly Func<MllpMessage, CancellationToken, ValueTask<ReadOnlyMemory<byte>>> _answer;
    private int _inFlight;

    public RecordingHandler(Func<MllpMessage, CancellationToken, ValueTask<ReadOnlyMemory<byte>>>? answer = null)
    {
        _answer = answer ?? ((message, _) => ValueTask.FromResult<ReadOnlyMemory<byte>>(Accept(message)));
    }

    public ConcurrentQueue<MllpMessage> Received { get; } = new();

    public int MaxInFlight { get; private set; }

    public static byte[] Accept(MllpMessage message) =>
        new Hl7AckBuilder().Build(Hl7Message.Parse(message.Payload.Span), Hl7AckOutcome.Accepted).ToBytes();

    public async ValueTask<ReadOnlyMemory<byte>> HandleAsync(MllpMessage message, CancellationToken cancellationToken)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        MaxInFlight = Math.Max(MaxInFlight, inFlight);
        try
        {
            // The payload is the server's buffer, valid until the handler returns: what is kept is a copy.
            Received.Enqueue(message with { Payload = message.Payload.ToArray() });
            return await _answer(message, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

/// <summary>Keeps what was logged, to assert that the server reported what it saw.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Text)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception)));

    public bool Logged(string fragment) => Entries.Any(entry => entry.Text.Contains(fragment, StringComparison.Ordinal));
}

/// <summary>A raw TCP peer that writes exactly the bytes a test gives and reads frames back.</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];

    private RawPeer(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawPeer> ConnectAsync(IPEndPoint endPoint)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(endPoint.Address, endPoint.Port);
        return new RawPeer(client);
    }

    public async Task WriteAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>The next frame's payload, or null when the server closed the connection first.</summary>
    public async Task<byte[]?> ReadFrameAsync()
    {
        using var timeout = new CancellationTokenSource(Limit);
        var buffer = new byte[8192];
        while (true)
        {
            var end = _pending.IndexOf(MllpFraming.EndBlock);
            if (end >= 0 && end + 1 < _pending.Count)
            {
                var start = _pending.IndexOf(MllpFraming.StartBlock);
                Assert.Equal(0, start);
                Assert.Equal(MllpFraming.CarriageReturn, _pending[end + 1]);
                var payload = _pending.GetRange(1, end - 1).ToArray();
                _pending.RemoveRange(0, end + 2);
                return payload;
            }

            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, timeout.Token);
            }
            catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException)
            {
                return null;
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Nothing came back within {Limit.TotalSeconds} s.");
                throw;
            }

            if (read == 0)
            {
                return null;
            }

            _pending.AddRange(buffer.AsSpan(0, read).ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}

internal static class Messages
{
    public static byte[] Adt(string controlId, int padding = 0) => System.Text.Encoding.UTF8.GetBytes(
        $"MSH|^~\\&|GAM|CHU|TELESURV|GHT|20250314093000||ADT^A01^ADT_A01|{controlId}|P|2.5|||||FRA|UNICODE UTF-8\r"
        + "PID|1||1900068^^^CHU&1.2.250.1.71.4.2.2&ISO^PI||ROUSSEAU^HÉLÈNE\r"
        + (padding > 0 ? $"NTE|1||{new string('x', padding)}\r" : string.Empty));

    public static string ControlIdOf(byte[]? ack)
    {
        Assert.NotNull(ack);
        return Hl7ReceivedAck.Read(ack).ControlId;
    }
}
