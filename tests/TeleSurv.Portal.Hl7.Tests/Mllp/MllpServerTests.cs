using System.Net;
using TeleSurv.Portal.Hl7.Mllp;
using TeleSurv.Portal.Hl7.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Hl7.Tests.Mllp;

public sealed class MllpServerTests : IAsyncDisposable
{
    private readonly CapturingLogger<MllpServer> _logger = new();
    private MllpServer? _server;

    private IPEndPoint EndPoint => _server!.LocalEndPoint;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private RecordingHandler Start(RecordingHandler? handler = null, Func<MllpServerOptions, MllpServerOptions>? configure = null)
    {
        handler ??= new RecordingHandler();
        var options = new MllpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) };
        _server = new MllpServer(configure?.Invoke(options) ?? options, handler, _logger);
        _server.Start();
        return handler;
    }

    [Fact]
    public async Task A_frame_split_across_many_writes_is_read_whole()
    {
        var handler = Start();
        var payload = Messages.Adt("SPLIT1", padding: 3000);
        var frame = MllpFraming.Frame(payload);
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        foreach (var chunk in frame.Chunk(7))
        {
            await peer.WriteAsync(chunk);
        }

        Assert.Equal("SPLIT1", Messages.ControlIdOf(await peer.ReadFrameAsync()));
        Assert.Equal(payload, Assert.Single(handler.Received).Payload.ToArray());
    }

    [Fact]
    public async Task Frames_glued_in_one_write_are_answered_in_order_one_at_a_time()
    {
        var handler = Start(new RecordingHandler(async (message, token) =>
        {
            await Task.Delay(20, token);
            return RecordingHandler.Accept(message);
        }));
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        await peer.WriteAsync([.. MllpFraming.Frame(Messages.Adt("G1")), .. MllpFraming.Frame(Messages.Adt("G2")), .. MllpFraming.Frame(Messages.Adt("G3"))]);

        Assert.Equal("G1", Messages.ControlIdOf(await peer.ReadFrameAsync()));
        Assert.Equal("G2", Messages.ControlIdOf(await peer.ReadFrameAsync()));
        Assert.Equal("G3", Messages.ControlIdOf(await peer.ReadFrameAsync()));
        Assert.Equal(1, handler.MaxInFlight);
        Assert.Equal(["G1", "G2", "G3"], handler.Received.Select(m => Hl7Message.Parse(m.Payload.Span).ControlId));
    }

    [Fact]
    public async Task Bytes_outside_frames_are_skipped_and_reported()
    {
        var handler = Start();
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        await peer.WriteAsync([.. "noise\r\n"u8, .. MllpFraming.Frame(Messages.Adt("N1")), .. "\0\0junk"u8, .. MllpFraming.Frame(Messages.Adt("N2"))]);

        Assert.Equal("N1", Messages.ControlIdOf(await peer.ReadFrameAsync()));
        Assert.Equal("N2", Messages.ControlIdOf(await peer.ReadFrameAsync()));
        Assert.Equal(2, handler.Received.Count);
        var reported = _logger.Entries
            .Select(entry => System.Text.RegularExpressions.Regex.Match(entry.Text, "(\\d+) bytes outside any frame were skipped"))
            .Where(match => match.Success)
            .Sum(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(13, reported);
    }

    [Fact]
    public async Task A_frame_missing_its_carriage_return_still_ends_at_the_end_block()
    {
        Start();
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        await peer.WriteAsync([MllpFraming.StartBlock, .. Messages.Adt("NOCR"), MllpFraming.EndBlock]);

        Assert.Equal("NOCR", Messages.ControlIdOf(await peer.ReadFrameAsync()));
    }

    [Fact]
    public async Task An_oversize_message_gets_an_ar_then_the_connection_closes()
    {
        var handler = Start(configure: options => new MllpServerOptions { EndPoint = options.EndPoint, MaxMessageSize = 1024 });
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        await peer.WriteAsync(MllpFraming.Frame(Messages.Adt("BIG1", padding: 5000)));

        var ack = Hl7ReceivedAck.Read(await peer.ReadFrameAsync());
        Assert.Equal(Hl7AckCode.AR, ack.Code);
        Assert.Equal("BIG1", ack.ControlId);
        Assert.Contains("1024 bytes", ack.ErrorText, StringComparison.Ordinal);
        Assert.Null(await peer.ReadFrameAsync());
        Assert.Empty(handler.Received);
        Assert.True(_logger.Logged("over the 1024-byte limit"));
    }

    [Fact]
    public async Task An_oversize_message_is_refused_before_its_end_arrives()
    {
        Start(configure: options => new MllpServerOptions { EndPoint = options.EndPoint, MaxMessageSize = 1024 });
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        var frame = MllpFraming.Frame(Messages.Adt("BIG2", padding: 5000));
        await peer.WriteAsync(frame[..3000]);

        Assert.Equal(Hl7AckCode.AR, Hl7ReceivedAck.Read(await peer.ReadFrameAsync()).Code);
        Assert.Null(await peer.ReadFrameAsync());
    }

    [Fact]
    public async Task An_idle_connection_is_closed()
    {
        Start(configure: options => new MllpServerOptions { EndPoint = options.EndPoint, IdleTimeout = TimeSpan.FromMilliseconds(200) });
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        Assert.Null(await peer.ReadFrameAsync());
        Assert.True(_logger.Logged("idle for"));
    }

    [Fact]
    public async Task Connections_over_the_limit_are_closed_at_once()
    {
        Start(configure: options => new MllpServerOptions { EndPoint = options.EndPoint, MaxConnections = 1 });
        await using var first = await RawPeer.ConnectAsync(EndPoint);
        await first.WriteAsync(MllpFraming.Frame(Messages.Adt("L1")));
        Assert.Equal("L1", Messages.ControlIdOf(await first.ReadFrameAsync()));

        await AssertRefusedAsync();
        Assert.True(_logger.Logged("refused: 1 of 1 connections are served"));
        Assert.Equal(1, _server!.Status().RefusedConnections);
        await first.WriteAsync(MllpFraming.Frame(Messages.Adt("L2")));
        Assert.Equal("L2", Messages.ControlIdOf(await first.ReadFrameAsync()));
    }

    private async Task AssertRefusedAsync()
    {
        RawPeer second;
        try
        {
            second = await RawPeer.ConnectAsync(EndPoint);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return;
        }

        await using (second)
        {
            Assert.Null(await second.ReadFrameAsync());
        }
    }

    [Fact]
    public async Task The_ar_a_handler_returns_is_written()
    {
        Start(new RecordingHandler((message, _) =>
        {
            var original = Hl7Message.Parse(message.Payload.Span);
            var error = new Hl7AckError(Hl7ErrorCondition.ApplicationInternalError, "Base de données indisponible");
            return ValueTask.FromResult<ReadOnlyMemory<byte>>(new Hl7AckBuilder().Build(original, Hl7AckOutcome.Rejected, [error]).ToBytes());
        }));
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        await peer.WriteAsync(MllpFraming.Frame(Messages.Adt("DB1")));

        var ack = Hl7ReceivedAck.Read(await peer.ReadFrameAsync());
        Assert.True(ack.IsRejected);
        Assert.Equal("DB1", ack.ControlId);
        Assert.Equal("Base de données indisponible", ack.ErrorText);
    }

    [Fact]
    public async Task A_handler_exception_closes_the_connection_without_an_ack()
    {
        Start(new RecordingHandler((_, _) => throw new InvalidOperationException("disk full")));
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        await peer.WriteAsync(MllpFraming.Frame(Messages.Adt("X1")));

        Assert.Null(await peer.ReadFrameAsync());
        Assert.True(_logger.Logged("the message handler failed"));
    }

    [Fact]
    public async Task The_ack_is_written_only_after_the_handler_completes()
    {
        var stored = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        Start(new RecordingHandler(async (message, _) =>
        {
            stored.SetResult();
            await release.Task;
            return RecordingHandler.Accept(message);
        }));
        await using var peer = await RawPeer.ConnectAsync(EndPoint);
        await peer.WriteAsync(MllpFraming.Frame(Messages.Adt("W1")));
        await stored.Task.WaitAsync(TimeSpan.FromSeconds(15));

        var reading = peer.ReadFrameAsync();
        Assert.False(reading.IsCompleted);
        release.SetResult();

        Assert.Equal("W1", Messages.ControlIdOf(await reading));
    }

    [Fact]
    public async Task Stopping_cancels_a_handler_in_progress_and_closes_connections()
    {
        var started = new TaskCompletionSource();
        Start(new RecordingHandler(async (message, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return RecordingHandler.Accept(message);
        }));
        await using var peer = await RawPeer.ConnectAsync(EndPoint);
        await peer.WriteAsync(MllpFraming.Frame(Messages.Adt("S1")));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(15));

        await _server!.StopAsync().WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Null(await peer.ReadFrameAsync());
        Assert.Equal(0, _server.ActiveConnections);
    }

    [Fact]
    public async Task A_sender_trickling_a_frame_is_closed_at_the_frame_deadline_though_never_idle()
    {
        Start(configure: options => new MllpServerOptions { EndPoint = options.EndPoint, IdleTimeout = TimeSpan.FromSeconds(30), FrameTimeout = TimeSpan.FromSeconds(1) });
        await using var peer = await RawPeer.ConnectAsync(EndPoint);
        var frame = MllpFraming.Frame(Messages.Adt("SLOW1"));

        var closed = false;
        for (var i = 0; i < 40 && !closed; i++)
        {
            try
            {
                await peer.WriteAsync([frame[i]]);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                closed = true;
            }

            await Task.Delay(100);
        }

        Assert.Null(await peer.ReadFrameAsync());
        Assert.True(_logger.Logged("a message was not completed within"));
        Assert.Equal(1, _server!.Status().FramesTimedOut);
    }

    [Fact]
    public async Task A_trickle_of_bytes_outside_any_frame_is_closed_at_the_frame_deadline()
    {
        Start(configure: options => new MllpServerOptions { EndPoint = options.EndPoint, IdleTimeout = TimeSpan.FromSeconds(30), FrameTimeout = TimeSpan.FromSeconds(1) });
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        for (var i = 0; i < 30; i++)
        {
            try
            {
                await peer.WriteAsync("x"u8.ToArray());
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Null(await peer.ReadFrameAsync());
        Assert.Equal(1, _server!.Status().FramesTimedOut);
    }

    [Fact]
    public async Task The_frame_deadline_runs_from_each_message_not_from_the_connection()
    {
        Start(configure: options => new MllpServerOptions { EndPoint = options.EndPoint, FrameTimeout = TimeSpan.FromSeconds(1) });
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        for (var i = 0; i < 4; i++)
        {
            await peer.WriteAsync(MllpFraming.Frame(Messages.Adt("EACH" + i)));
            Assert.Equal("EACH" + i, Messages.ControlIdOf(await peer.ReadFrameAsync()));
            await Task.Delay(500);
        }

        Assert.Equal(0, _server!.Status().FramesTimedOut);
    }

    [Fact]
    public async Task Senders_that_never_finish_a_frame_cannot_keep_a_working_sender_out()
    {
        // A quarter of the frame deadline (2 s) protects a newcomer; after that a silent or slow connection yields its slot.
        Start(configure: options => new MllpServerOptions
        {
            EndPoint = options.EndPoint, MaxConnections = 4, ReservedConnections = 1, FrameTimeout = TimeSpan.FromSeconds(8),
        });
        var slow = new List<RawPeer>();
        for (var i = 0; i < 4; i++)
        {
            var peer = await RawPeer.ConnectAsync(EndPoint);
            slow.Add(peer);
            try
            {
                await peer.WriteAsync([MllpFraming.StartBlock, (byte)'M']);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                // Refused: the unreserved slots are full.
            }
        }

        // The protection runs from the server's accept, which may come after the peer's connect returned.
        await Eventually.HoldsAsync(() => _server!.Status() is { ActiveConnections: 3, RefusedConnections: 1 }, "the slow senders are accepted and the fourth refused");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await using var working = await RawPeer.ConnectAsync(EndPoint);
        await working.WriteAsync(MllpFraming.Frame(Messages.Adt("OK1")));

        Assert.Equal("OK1", Messages.ControlIdOf(await working.ReadFrameAsync()));
        Assert.True(_logger.Logged("closed to make room for connection"));
        foreach (var peer in slow)
        {
            await peer.DisposeAsync();
        }
    }

    [Fact]
    public async Task Many_connections_are_served_and_those_beyond_the_limit_are_refused_logged_and_counted()
    {
        Start(configure: options => new MllpServerOptions { EndPoint = options.EndPoint, MaxConnections = 300 });
        var peers = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => RawPeer.ConnectAsync(EndPoint)));
        try
        {
            var acks = await Task.WhenAll(peers.Select(async (peer, i) =>
            {
                await peer.WriteAsync(MllpFraming.Frame(Messages.Adt("MANY" + i)));
                return Messages.ControlIdOf(await peer.ReadFrameAsync());
            }));
            Assert.Equal(Enumerable.Range(0, 300).Select(i => "MANY" + i), acks);
            Assert.Equal(300, _server!.Status().ActiveConnections);

            for (var i = 0; i < 3; i++)
            {
                await AssertRefusedAsync();
            }

            Assert.Equal(3, _server.Status().RefusedConnections);
            Assert.Equal(3, _logger.Entries.Count(e => e.Text.Contains("refused: 300 of 300 connections are served", StringComparison.Ordinal)));
        }
        finally
        {
            foreach (var peer in peers)
            {
                await peer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_handler_past_the_message_deadline_gets_the_sender_an_ar_and_the_connection_closed()
    {
        Start(
            new RecordingHandler((message, _) =>
            {
                // Work that never yields nor looks at its token: only the server's deadline bounds it.
                Thread.Sleep(3000);
                return ValueTask.FromResult<ReadOnlyMemory<byte>>(RecordingHandler.Accept(message));
            }),
            options => new MllpServerOptions { EndPoint = options.EndPoint, MessageTimeout = TimeSpan.FromMilliseconds(300) });
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        await peer.WriteAsync(MllpFraming.Frame(Messages.Adt("LATE1")));

        var ack = Hl7ReceivedAck.Read(await peer.ReadFrameAsync());
        Assert.True(ack.IsRejected);
        Assert.Equal("LATE1", ack.ControlId);
        Assert.Contains("not processed within", ack.ErrorText, StringComparison.Ordinal);
        Assert.Null(await peer.ReadFrameAsync());
        Assert.Equal(1, _server!.Status().MessagesTimedOut);
    }

    [Fact]
    public async Task Stopping_completes_within_its_timeout_even_when_a_handler_never_yields()
    {
        var started = new TaskCompletionSource();
        Start(
            new RecordingHandler((message, _) =>
            {
                started.TrySetResult();
                Thread.Sleep(8000);
                return ValueTask.FromResult<ReadOnlyMemory<byte>>(RecordingHandler.Accept(message));
            }),
            options => new MllpServerOptions { EndPoint = options.EndPoint, MessageTimeout = TimeSpan.FromSeconds(60) });
        await using var peer = await RawPeer.ConnectAsync(EndPoint);
        await using var partial = await RawPeer.ConnectAsync(EndPoint);
        await peer.WriteAsync(MllpFraming.Frame(Messages.Adt("STUCK1")));
        await partial.WriteAsync([MllpFraming.StartBlock, (byte)'M', (byte)'S']);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(15));

        using var hostTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        await _server!.StopAsync(hostTimeout.Token);

        Assert.False(hostTimeout.IsCancellationRequested);
        Assert.Null(await peer.ReadFrameAsync());
        Assert.Null(await partial.ReadFrameAsync());
    }

    [Fact]
    public async Task The_status_tells_the_last_message_and_the_oldest_frame_in_progress()
    {
        Start();
        Assert.Null(_server!.Status().LastMessageAt);
        Assert.True(_server.Status().Accepting);
        await using var peer = await RawPeer.ConnectAsync(EndPoint);
        await peer.WriteAsync(MllpFraming.Frame(Messages.Adt("ST1")));
        await peer.ReadFrameAsync();
        await peer.WriteAsync([MllpFraming.StartBlock, (byte)'M']);

        // The frame's age runs from when the server read its first byte.
        await Eventually.HoldsAsync(() => _server.Status().OldestFrameInProgress is not null, "the server reads the frame's start");
        await Task.Delay(400);
        var status = _server.Status();

        Assert.NotNull(status.LastMessageAt);
        Assert.True(status.OldestFrameInProgress >= TimeSpan.FromMilliseconds(300), $"Oldest frame in progress: {status.OldestFrameInProgress}");
        Assert.Equal(1, status.ActiveConnections);
        await _server.StopAsync();
        Assert.False(_server.Status().Accepting);
    }

    [Fact]
    public async Task A_connections_buffers_stay_under_the_bound_and_are_given_back_after_each_frame()
    {
        const int limit = 256 * 1024;
        Start(configure: options => new MllpServerOptions { EndPoint = options.EndPoint, MaxMessageSize = limit });
        var bound = _server!.ConnectionBufferBound;
        await using var peer = await RawPeer.ConnectAsync(EndPoint);

        // Large frames one by one: after each, what the connection holds is back to a read segment at most.
        for (var i = 0; i < 6; i++)
        {
            await peer.WriteAsync(MllpFraming.Frame(Messages.Adt("LARGE" + i, padding: 200_000)));
            Assert.Equal("LARGE" + i, Messages.ControlIdOf(await peer.ReadFrameAsync()));
            // The ACK goes out before the connection releases the frame's read segments: give it the moment it takes.
            await Eventually.HoldsAsync(() => _server.Status().BufferedBytes <= 32 * 1024, $"the connection holds a read segment at most after frame {i}");
        }

        // Many large frames in one write: read and answered one at a time, never all held at once.
        await peer.WriteAsync([.. Enumerable.Range(0, 8).SelectMany(i => MllpFraming.Frame(Messages.Adt("GLUED" + i, padding: 200_000)))]);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal("GLUED" + i, Messages.ControlIdOf(await peer.ReadFrameAsync()));
        }

        // A frame of 4 MB that never ends: refused once past the limit, its bytes never all held.
        var endless = new byte[4 * 1024 * 1024];
        endless.AsSpan().Fill((byte)'x');
        endless[0] = MllpFraming.StartBlock;
        "MSH|^~\\&|GAM|CHU|TELESURV|GHT|20250314093000||ADT^A01|HUGE1|P|2.5\rNTE|1||"u8.CopyTo(endless.AsSpan(1));
        var sending = Task.Run(async () =>
        {
            try
            {
                await peer.WriteAsync(endless);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                // The server closed the connection before the end: what this case expects.
            }
        });
        // The server closes with bytes of the frame unread, so the peer may see a reset before it reads the AR.
        if (await peer.ReadFrameAsync() is { } answer)
        {
            Assert.Equal(Hl7AckCode.AR, Hl7ReceivedAck.Read(answer).Code);
            Assert.Null(await peer.ReadFrameAsync());
        }

        await sending;
        Assert.True(_logger.Logged("over the 262144-byte limit"));

        var status = _server.Status();
        Assert.True(status.LargestConnectionBuffer >= 200_000, $"The largest buffer counted, {status.LargestConnectionBuffer} bytes, does not hold a 200 KB frame.");
        Assert.True(status.LargestConnectionBuffer <= bound, $"One connection held {status.LargestConnectionBuffer} bytes, over its bound of {bound}.");
        Assert.True(bound < 3 * limit, $"The bound, {bound} bytes, is not near the size limit of {limit}.");
        Assert.Equal(bound, status.ConnectionBufferBound);
        await Eventually.HoldsAsync(() => _server.Status().BufferedBytes == 0, "every buffer is released once the connections close");
    }

    [Fact]
    public void Bad_options_are_refused_with_the_option_named()
    {
        var handler = new RecordingHandler();

        Assert.Contains("MaxMessageSize", Assert.Throws<ArgumentException>(() => new MllpServer(new MllpServerOptions { MaxMessageSize = 0 }, handler)).Message, StringComparison.Ordinal);
        Assert.Contains("IdleTimeout", Assert.Throws<ArgumentException>(() => new MllpServer(new MllpServerOptions { IdleTimeout = TimeSpan.Zero }, handler)).Message, StringComparison.Ordinal);
        Assert.Contains("MaxConnections", Assert.Throws<ArgumentException>(() => new MllpServer(new MllpServerOptions { MaxConnections = 0 }, handler)).Message, StringComparison.Ordinal);
        Assert.Contains("ReservedConnections", Assert.Throws<ArgumentException>(() => new MllpServer(new MllpServerOptions { MaxConnections = 4, ReservedConnections = 4 }, handler)).Message, StringComparison.Ordinal);
        Assert.Contains("FrameTimeout", Assert.Throws<ArgumentException>(() => new MllpServer(new MllpServerOptions { FrameTimeout = TimeSpan.Zero }, handler)).Message, StringComparison.Ordinal);
    }
}
