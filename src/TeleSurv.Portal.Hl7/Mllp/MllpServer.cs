using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TeleSurv.Portal.Hl7.Mllp;

/// <summary>
/// Accepts MLLP connections and, for each complete frame, awaits the host's <see cref="IMllpMessageHandler"/>
/// and writes the acknowledgement it returns. Knows nothing of storage: durability is the handler's job.
/// </summary>
public sealed partial class MllpServer : IAsyncDisposable
{
    private const string EvictedReason = "closed to make room: no message completed";
    private readonly MllpServerOptions _options;
    private readonly IMllpMessageHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _connectionsLock = new();
    private readonly HashSet<Task> _connections = [];
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, ConnectionState> _open = new();
    private long _nextConnectionId;
    private int _activeConnections;
    private int _unprovenConnections;
    private long _refusedConnections;
    private long _framesTimedOut;
    private long _messagesTimedOut;
    private long _lastMessageTicks;
    private long _bufferedBytes;
    private long _largestConnectionBuffer;
    private int _accepting;
    private int _disposed;
    private int _stopRequested;

    /// <summary>Creates a server; nothing listens before <see cref="Start"/>.</summary>
    public MllpServer(MllpServerOptions options, IMllpMessageHandler handler, ILogger<MllpServer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        _options = options;
        _handler = handler;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The address actually listened on (with the port chosen when the options asked for port 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)(_listener?.LocalEndpoint ?? throw new InvalidOperationException("The server is not started."));

    /// <summary>Connections being served now.</summary>
    public int ActiveConnections => Volatile.Read(ref _activeConnections);

    /// <summary>What the server is doing, for a health check: cheap, safe from any thread.</summary>
    public MllpServerStatus Status()
    {
        var now = DateTimeOffset.UtcNow.UtcTicks;
        long oldestFrame = 0, oldestHandling = 0;
        foreach (var connection in _open.Values)
        {
            var started = Volatile.Read(ref connection.FrameStartedTicks);
            if (started != 0 && (oldestFrame == 0 || started < oldestFrame))
            {
                oldestFrame = started;
            }

            var handling = Volatile.Read(ref connection.HandlingStartedTicks);
            if (handling != 0 && (oldestHandling == 0 || handling < oldestHandling))
            {
                oldestHandling = handling;
            }
        }

        var last = Volatile.Read(ref _lastMessageTicks);
        return new MllpServerStatus(
            Accepting: Volatile.Read(ref _accepting) == 1,
            ActiveConnections: ActiveConnections,
            MaxConnections: _options.MaxConnections,
            RefusedConnections: Interlocked.Read(ref _refusedConnections),
            FramesTimedOut: Interlocked.Read(ref _framesTimedOut),
            MessagesTimedOut: Interlocked.Read(ref _messagesTimedOut),
            LastMessageAt: last == 0 ? null : new DateTimeOffset(last, TimeSpan.Zero),
            OldestFrameInProgress: oldestFrame == 0 ? null : TimeSpan.FromTicks(now - oldestFrame),
            OldestMessageInProcessing: oldestHandling == 0 ? null : TimeSpan.FromTicks(now - oldestHandling))
        {
            BufferedBytes = Interlocked.Read(ref _bufferedBytes),
            LargestConnectionBuffer = Interlocked.Read(ref _largestConnectionBuffer),
            ConnectionBufferBound = ConnectionBufferBound,
        };
    }

    /// <summary>
    /// The most one connection can hold in buffers: the read segments of a frame up to the size limit, one more
    /// segment read past it, and the copy of a whole frame handed to the handler (an array of the shared pool, whose
    /// sizes are powers of two).
    /// </summary>
    public long ConnectionBufferBound =>
        _options.MaxMessageSize + (2L * ReadSegmentSize) + (long)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)_options.MaxMessageSize) + AckBufferSize;

    // The pipe reads the socket in segments of this size, each rented when needed and given back once consumed.
    private const int ReadSegmentSize = 16 * 1024;

    // What the writer of acknowledgements may hold: an acknowledgement is a few hundred bytes.
    private const int AckBufferSize = 64 * 1024;

    /// <summary>Binds the endpoint (throws when it is taken) and starts accepting connections.</summary>
    public void Start()
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        var listener = new TcpListener(_options.EndPoint);
        listener.Start(_options.MaxConnections * 2);
        _listener = listener;
        Volatile.Write(ref _accepting, 1);
        LogListening(_logger, LocalEndPoint, _options.ServerCertificate is not null);
        _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
    }

    /// <summary>Stops accepting, cancels the connections (and a handler in progress) and waits for them to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_listener is null)
        {
            return;
        }

        if (Interlocked.Exchange(ref _stopRequested, 1) == 0)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            _listener.Stop();
        }

        if (_acceptLoop is not null)
        {
            await _acceptLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        Task[] connections;
        lock (_connectionsLock)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        _listener?.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken stopping)
    {
        try
        {
            await AcceptConnectionsAsync(listener, stopping).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogAcceptLoopEnded(_logger, exception);
        }
        finally
        {
            Volatile.Write(ref _accepting, 0);
        }
    }

    private async Task AcceptConnectionsAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException
                || (exception is SocketException && stopping.IsCancellationRequested))
            {
                return;
            }
            catch (SocketException exception)
            {
                LogAcceptFailed(_logger, exception);
                continue;
            }

            var id = Interlocked.Increment(ref _nextConnectionId);
            var active = Volatile.Read(ref _activeConnections);
            if ((active >= _options.MaxConnections || Volatile.Read(ref _unprovenConnections) >= _options.MaxConnections - _options.ReservedConnections)
                && !EvictOldestUnproven(id))
            {
                var refused = Interlocked.Increment(ref _refusedConnections);
                LogConnectionRefused(_logger, id, socket.RemoteEndPoint, active, _options.MaxConnections, _options.ReservedConnections, refused);
                CloseGracefully(socket);
                continue;
            }

            Interlocked.Increment(ref _activeConnections);
            Interlocked.Increment(ref _unprovenConnections);
            var state = new ConnectionState(DateTimeOffset.UtcNow.UtcTicks, stopping);
            _open[id] = state;
            var connection = ServeAsync(socket, id, state, stopping);
            lock (_connectionsLock)
            {
                _connections.Add(connection);
            }

            _ = connection.ContinueWith(
                finished =>
                {
                    lock (_connectionsLock)
                    {
                        _connections.Remove(finished);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Makes room for a newcomer by closing the connection that has been open longest without completing a message,
    /// provided it has had a fair share of the frame deadline: senders that never finish a frame cannot keep a
    /// working sender out, and a newcomer has that time to prove itself before it can be closed in turn.
    /// </summary>
    private bool EvictOldestUnproven(long newcomer)
    {
        var cutoff = DateTimeOffset.UtcNow.UtcTicks - (_options.FrameTimeout / 4).Ticks;
        KeyValuePair<long, ConnectionState>? oldest = null;
        foreach (var entry in _open)
        {
            var candidate = entry.Value;
            if (!candidate.Proven && !candidate.Evicted && candidate.ConnectedTicks <= cutoff
                && (oldest is null || candidate.ConnectedTicks < oldest.Value.Value.ConnectedTicks))
            {
                oldest = entry;
            }
        }

        if (oldest is not { } chosen)
        {
            return false;
        }

        chosen.Value.Evicted = true;
        LogEvicted(_logger, chosen.Key, newcomer);
        try
        {
            chosen.Value.Closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It ended meanwhile: its slot is free anyway.
        }

        return true;
    }

    // A FIN rather than a reset: the peer reads a clean end of stream instead of an error on its next call.
    private static void CloseGracefully(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer: nothing left to shut down.
        }

        socket.Dispose();
    }

    private async Task ServeAsync(Socket socket, long id, ConnectionState state, CancellationToken stopping)
    {
        await Task.Yield();
        var remote = socket.RemoteEndPoint;
        LogConnectionOpened(_logger, id, remote);
        var reason = "closed by the peer";
        Stream? stream = null;
        try
        {
            socket.NoDelay = true;
            stream = new NetworkStream(socket, ownsSocket: true);
            if (_options.ServerCertificate is { } certificate)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(state.Closing.Token);
                handshake.CancelAfter(_options.IdleTimeout);
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = certificate, EnabledSslProtocols = _options.TlsProtocols },
                    handshake.Token).ConfigureAwait(false);
            }

            reason = await ReadFramesAsync(stream, id, remote, state, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            reason = "server stopping";
        }
        catch (OperationCanceledException) when (state.Evicted)
        {
            reason = EvictedReason;
        }
        catch (OperationCanceledException)
        {
            reason = "TLS handshake timed out";
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            reason = "transport failure";
            LogTransportFailed(_logger, id, remote, exception);
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                socket.Dispose();
            }

            _open.TryRemove(id, out _);
            state.Closing.Dispose();
            if (!state.Proven)
            {
                Interlocked.Decrement(ref _unprovenConnections);
            }

            Interlocked.Decrement(ref _activeConnections);
            LogConnectionClosed(_logger, id, remote, reason);
        }
    }

    private async Task<string> ReadFramesAsync(Stream stream, long id, EndPoint? remote, ConnectionState state, CancellationToken stopping)
    {
        var buffers = new ConnectionBuffers(CountBuffers);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(pool: buffers, bufferSize: ReadSegmentSize, minimumReadSize: ReadSegmentSize / 4, leaveOpen: true));
        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(pool: buffers, minimumBufferSize: 4096, leaveOpen: true));
        var decoder = new MllpFrameDecoder(_options.MaxMessageSize, copyPayload: false);
        var timer = CancellationTokenSource.CreateLinkedTokenSource(state.Closing.Token);
        var isTls = stream is SslStream;

        // When the message now arriving began (its first byte, in a frame or not); 0 between messages.
        long messageStarted = 0;
        try
        {
            while (true)
            {
                ReadResult result;
                var wait = _options.IdleTimeout;
                var waitIsFrameDeadline = false;
                if (messageStarted != 0)
                {
                    var left = _options.FrameTimeout - TimeSpan.FromTicks(DateTimeOffset.UtcNow.UtcTicks - messageStarted);
                    if (left <= TimeSpan.Zero)
                    {
                        return FrameTimedOut(id, remote, decoder);
                    }

                    waitIsFrameDeadline = left < wait;
                    wait = waitIsFrameDeadline ? left : wait;
                }

                if (!timer.TryReset())
                {
                    if (state.Closing.IsCancellationRequested)
                    {
                        return state.Evicted ? EvictedReason : "server stopping";
                    }

                    // The last wait's timer fired as its bytes came in: a fresh timer for the next wait.
                    timer.Dispose();
                    timer = CancellationTokenSource.CreateLinkedTokenSource(state.Closing.Token);
                }

                timer.CancelAfter(wait);
                try
                {
                    result = await reader.ReadAsync(timer.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    if (state.Evicted)
                    {
                        return EvictedReason;
                    }

                    if (waitIsFrameDeadline)
                    {
                        return FrameTimedOut(id, remote, decoder);
                    }

                    LogIdleTimeout(_logger, id, remote, _options.IdleTimeout);
                    return "idle timeout";
                }

                timer.CancelAfter(Timeout.InfiniteTimeSpan);
                var receivedAt = DateTimeOffset.UtcNow.UtcTicks;
                var buffer = result.Buffer;
                var frames = 0;
                var skipped = 0L;
                while (decoder.TryReadFrame(ref buffer, out var frame))
                {
                    frames++;
                    skipped += ReportSkipped(decoder, id, remote);
                    if (frame.IsOversize)
                    {
                        LogOversize(_logger, id, remote, frame.Length, _options.MaxMessageSize);
                        reader.AdvanceTo(buffer.Start, buffer.End);
                        await WriteFrameAsync(writer, OversizeAck(frame.Payload), stopping).ConfigureAwait(false);
                        return "message over the size limit";
                    }

                    Volatile.Write(ref state.FrameStartedTicks, 0);
                    if (!state.Proven)
                    {
                        state.Proven = true;
                        Interlocked.Decrement(ref _unprovenConnections);
                    }

                    Interlocked.Exchange(ref _lastMessageTicks, DateTimeOffset.UtcNow.UtcTicks);
                    var length = (int)frame.Length;
                    var payload = buffers.RentArray(length);
                    frame.Content.CopyTo(payload);
                    var message = new MllpMessage(payload.AsMemory(0, length), id, remote, DateTimeOffset.UtcNow, isTls);
                    Volatile.Write(ref state.HandlingStartedTicks, DateTimeOffset.UtcNow.UtcTicks);
                    var (ack, failure, handlerDone) = await HandleAsync(message, id, remote, stopping).ConfigureAwait(false);
                    Volatile.Write(ref state.HandlingStartedTicks, 0);
                    if (handlerDone)
                    {
                        // A handler still running past its deadline may still read the payload: that copy is left to the collector.
                        buffers.Return(payload);
                    }

                    if (!ack.IsEmpty)
                    {
                        await WriteFrameAsync(writer, ack, stopping).ConfigureAwait(false);
                    }

                    if (failure is not null)
                    {
                        return failure;
                    }
                }

                skipped += ReportSkipped(decoder, id, remote);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    if (decoder.InFrame)
                    {
                        LogIncompleteFrame(_logger, id, remote, decoder.PendingFrameBytes);
                    }

                    return "closed by the peer";
                }

                // A frame that ended restarts the clock at the next one; bytes outside frames count as a message
                // that has not started properly, so that a trickle of noise cannot hold a connection either.
                if (decoder.InFrame)
                {
                    messageStarted = frames > 0 || messageStarted == 0 ? receivedAt : messageStarted;
                }
                else if (frames > 0)
                {
                    messageStarted = 0;
                }
                else if (skipped > 0 && messageStarted == 0)
                {
                    messageStarted = receivedAt;
                }

                Volatile.Write(ref state.FrameStartedTicks, messageStarted);
            }
        }
        finally
        {
            timer.Dispose();
            await reader.CompleteAsync().ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private string FrameTimedOut(long id, EndPoint? remote, MllpFrameDecoder decoder)
    {
        Interlocked.Increment(ref _framesTimedOut);
        LogFrameTimeout(_logger, id, remote, _options.FrameTimeout, decoder.PendingFrameBytes);
        return "message not completed in time";
    }

    /// <summary>
    /// Runs the handler off the connection's thread, so that even work that never yields is bounded by
    /// <see cref="MllpServerOptions.MessageTimeout"/>. Returns the acknowledgement to write and, when the connection
    /// must close after it, why; and whether the handler has finished (one past its deadline may still read the
    /// message).
    /// </summary>
    private async Task<(ReadOnlyMemory<byte> Ack, string? Failure, bool HandlerDone)> HandleAsync(MllpMessage message, long id, EndPoint? remote, CancellationToken stopping)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var handling = Task.Run(async () => await _handler.HandleAsync(message, deadline.Token).ConfigureAwait(false), CancellationToken.None);
        try
        {
            return (await handling.WaitAsync(_options.MessageTimeout, stopping).ConfigureAwait(false), null, true);
        }
        catch (TimeoutException)
        {
            await deadline.CancelAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _messagesTimedOut);
            LogMessageTimeout(_logger, id, remote, _options.MessageTimeout);
            _ = handling.ContinueWith(
                static (task, state) => ((MllpServer)state!).LogLateHandler(task),
                this,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            var error = new Hl7AckError(
                Hl7ErrorCondition.ApplicationInternalError,
                $"The message was not processed within {_options.MessageTimeout.TotalSeconds:0} s; it may not have been applied: send it again later.");
            return (new Hl7AckBuilder(_options.AckOptions).Build(Hl7Message.Parse(message.Payload.Span), Hl7AckOutcome.Rejected, [error]).ToBytes(),
                "message not processed in time", false);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && stopping.IsCancellationRequested))
        {
            LogHandlerFailed(_logger, id, remote, exception);
            return (ReadOnlyMemory<byte>.Empty, "handler failure, no acknowledgement sent", true);
        }
    }

    private void LogLateHandler(Task task)
    {
        if (task.IsFaulted && task.Exception is { } exception)
        {
            LogLateHandlerFailed(_logger, exception.GetBaseException());
        }
    }

    private long ReportSkipped(MllpFrameDecoder decoder, long id, EndPoint? remote)
    {
        var skipped = decoder.TakeSkipped();
        if (skipped > 0)
        {
            LogSkippedBytes(_logger, id, remote, skipped);
        }

        return skipped;
    }

    private void CountBuffers(long delta, long connectionHolds)
    {
        Interlocked.Add(ref _bufferedBytes, delta);
        var largest = Interlocked.Read(ref _largestConnectionBuffer);
        while (connectionHolds > largest)
        {
            var seen = Interlocked.CompareExchange(ref _largestConnectionBuffer, connectionHolds, largest);
            if (seen == largest)
            {
                break;
            }

            largest = seen;
        }
    }

    private byte[] OversizeAck(byte[] prefix)
    {
        var original = Hl7Message.Parse(prefix);
        var error = new Hl7AckError(
            Hl7ErrorCondition.ApplicationInternalError,
            $"Message larger than the {_options.MaxMessageSize} bytes this receiver accepts.");
        return new Hl7AckBuilder(_options.AckOptions).Build(original, Hl7AckOutcome.Rejected, [error]).ToBytes();
    }

    internal static async ValueTask WriteFrameAsync(PipeWriter writer, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var span = writer.GetSpan(payload.Length + 3);
        span[0] = MllpFraming.StartBlock;
        payload.Span.CopyTo(span[1..]);
        span[payload.Length + 1] = MllpFraming.EndBlock;
        span[payload.Length + 2] = MllpFraming.CarriageReturn;
        writer.Advance(payload.Length + 3);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MLLP server listening on {EndPoint} (TLS: {Tls}).")]
    private static partial void LogListening(ILogger logger, EndPoint endPoint, bool tls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP accept failed; the server goes on listening.")]
    private static partial void LogAcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP connection {ConnectionId} from {Remote} refused: {Active} of {MaxConnections} connections are served ({Reserved} kept for senders that complete messages); {Refused} refused since the start.")]
    private static partial void LogConnectionRefused(ILogger logger, long connectionId, EndPoint? remote, int active, int maxConnections, int reserved, long refused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP connection {ConnectionId} closed to make room for connection {Newcomer}: every slot is taken and it has not completed a message.")]
    private static partial void LogEvicted(ILogger logger, long connectionId, long newcomer);

    [LoggerMessage(Level = LogLevel.Critical, Message = "MLLP server stopped accepting connections.")]
    private static partial void LogAcceptLoopEnded(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP connection {ConnectionId} from {Remote}: a message was not completed within {FrameTimeout} ({Count} bytes of it received); closing.")]
    private static partial void LogFrameTimeout(ILogger logger, long connectionId, EndPoint? remote, TimeSpan frameTimeout, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "MLLP connection {ConnectionId} from {Remote}: the message handler did not finish within {MessageTimeout}; answering AR and closing.")]
    private static partial void LogMessageTimeout(ILogger logger, long connectionId, EndPoint? remote, TimeSpan messageTimeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP message handler failed after its deadline had passed.")]
    private static partial void LogLateHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "MLLP connection {ConnectionId} opened from {Remote}.")]
    private static partial void LogConnectionOpened(ILogger logger, long connectionId, EndPoint? remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "MLLP connection {ConnectionId} from {Remote} closed: {Reason}.")]
    private static partial void LogConnectionClosed(ILogger logger, long connectionId, EndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP connection {ConnectionId} from {Remote} failed.")]
    private static partial void LogTransportFailed(ILogger logger, long connectionId, EndPoint? remote, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "MLLP connection {ConnectionId} from {Remote} idle for {IdleTimeout}: closing it.")]
    private static partial void LogIdleTimeout(ILogger logger, long connectionId, EndPoint? remote, TimeSpan idleTimeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP connection {ConnectionId} from {Remote}: {Length} bytes over the {MaxMessageSize}-byte limit; answering AR and closing.")]
    private static partial void LogOversize(ILogger logger, long connectionId, EndPoint? remote, long length, int maxMessageSize);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP connection {ConnectionId} from {Remote}: {Count} bytes outside any frame were skipped.")]
    private static partial void LogSkippedBytes(ILogger logger, long connectionId, EndPoint? remote, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP connection {ConnectionId} from {Remote} closed inside a frame: {Count} bytes dropped.")]
    private static partial void LogIncompleteFrame(ILogger logger, long connectionId, EndPoint? remote, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "MLLP connection {ConnectionId} from {Remote}: the message handler failed; closing without acknowledgement so the sender sends again.")]
    private static partial void LogHandlerFailed(ILogger logger, long connectionId, EndPoint? remote, Exception exception);

    /// <summary>One open connection, as the health check sees it.</summary>
    private sealed class ConnectionState(long connectedTicks, CancellationToken stopping)
    {
        // UTC ticks of the first byte of the message now arriving; 0 between messages.
        public long FrameStartedTicks;

        // UTC ticks of when the handler was given the message now being processed; 0 when none is.
        public long HandlingStartedTicks;

        // The connection has completed a frame: it no longer counts against the unreserved slots.
        public volatile bool Proven;

        // Closed to make room for a newcomer.
        public volatile bool Evicted;

        public long ConnectedTicks { get; } = connectedTicks;

        // Cancelled when the server stops or the connection is evicted.
        public CancellationTokenSource Closing { get; } = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }
}

/// <summary>A listener's state at one moment, for a health check and the interface monitor.</summary>
/// <param name="Accepting">The accept loop runs: new connections are taken.</param>
/// <param name="ActiveConnections">Connections served now (slots in use).</param>
/// <param name="MaxConnections">Slots in all.</param>
/// <param name="RefusedConnections">Connections refused for want of a slot since the start.</param>
/// <param name="FramesTimedOut">Connections closed because a message did not arrive whole in time.</param>
/// <param name="MessagesTimedOut">Messages the handler did not finish in time (answered AR).</param>
/// <param name="LastMessageAt">When the last complete message arrived; null before the first.</param>
/// <param name="OldestFrameInProgress">How long the oldest message still arriving has been arriving; null when none is.</param>
/// <param name="OldestMessageInProcessing">How long the handler has had the oldest message it is processing; null when none.</param>
public sealed record MllpServerStatus(
    bool Accepting,
    int ActiveConnections,
    int MaxConnections,
    long RefusedConnections,
    long FramesTimedOut,
    long MessagesTimedOut,
    DateTimeOffset? LastMessageAt,
    TimeSpan? OldestFrameInProgress,
    TimeSpan? OldestMessageInProcessing)
{
    /// <summary>Bytes the open connections hold in buffers now (read segments, frames being handled, acknowledgements).</summary>
    public long BufferedBytes { get; init; }

    /// <summary>The most one connection has held in buffers at once since the start.</summary>
    public long LargestConnectionBuffer { get; init; }

    /// <summary>The most one connection can hold (see <see cref="MllpServer.ConnectionBufferBound"/>).</summary>
    public long ConnectionBufferBound { get; init; }
}
