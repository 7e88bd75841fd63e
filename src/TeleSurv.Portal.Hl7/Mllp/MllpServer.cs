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
    private readonly MllpServerOptions _options;
    private readonly IMllpMessageHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _connectionsLock = new();
    private readonly HashSet<Task> _connections = [];
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private long _nextConnectionId;
    private int _activeConnections;
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
            if (Interlocked.Increment(ref _activeConnections) > _options.MaxConnections)
            {
                Interlocked.Decrement(ref _activeConnections);
                LogConnectionRefused(_logger, id, socket.RemoteEndPoint, _options.MaxConnections);
                CloseGracefully(socket);
                continue;
            }

            var connection = ServeAsync(socket, id, stopping);
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

    private async Task ServeAsync(Socket socket, long id, CancellationToken stopping)
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
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                handshake.CancelAfter(_options.IdleTimeout);
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = certificate, EnabledSslProtocols = _options.TlsProtocols },
                    handshake.Token).ConfigureAwait(false);
            }

            reason = await ReadFramesAsync(stream, id, remote, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            reason = "server stopping";
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

            Interlocked.Decrement(ref _activeConnections);
            LogConnectionClosed(_logger, id, remote, reason);
        }
    }

    private async Task<string> ReadFramesAsync(Stream stream, long id, EndPoint? remote, CancellationToken stopping)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        var decoder = new MllpFrameDecoder(_options.MaxMessageSize);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var isTls = stream is SslStream;
        try
        {
            while (true)
            {
                ReadResult result;
                idle.CancelAfter(_options.IdleTimeout);
                try
                {
                    result = await reader.ReadAsync(idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    LogIdleTimeout(_logger, id, remote, _options.IdleTimeout);
                    return "idle timeout";
                }

                idle.CancelAfter(Timeout.InfiniteTimeSpan);
                var buffer = result.Buffer;
                while (decoder.TryReadFrame(ref buffer, out var frame))
                {
                    ReportSkipped(decoder, id, remote);
                    if (frame.IsOversize)
                    {
                        LogOversize(_logger, id, remote, frame.Length, _options.MaxMessageSize);
                        await WriteFrameAsync(writer, OversizeAck(frame.Payload), stopping).ConfigureAwait(false);
                        return "message over the size limit";
                    }

                    var message = new MllpMessage(frame.Payload, id, remote, DateTimeOffset.UtcNow, isTls);
                    ReadOnlyMemory<byte> ack;
                    try
                    {
                        ack = await _handler.HandleAsync(message, stopping).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (!(exception is OperationCanceledException && stopping.IsCancellationRequested))
                    {
                        LogHandlerFailed(_logger, id, remote, exception);
                        return "handler failure, no acknowledgement sent";
                    }

                    if (!ack.IsEmpty)
                    {
                        await WriteFrameAsync(writer, ack, stopping).ConfigureAwait(false);
                    }
                }

                ReportSkipped(decoder, id, remote);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    if (decoder.InFrame)
                    {
                        LogIncompleteFrame(_logger, id, remote, decoder.PendingFrameBytes);
                    }

                    return "closed by the peer";
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void ReportSkipped(MllpFrameDecoder decoder, long id, EndPoint? remote)
    {
        var skipped = decoder.TakeSkipped();
        if (skipped > 0)
        {
            LogSkippedBytes(_logger, id, remote, skipped);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP connection {ConnectionId} from {Remote} refused: {MaxConnections} connections are already served.")]
    private static partial void LogConnectionRefused(ILogger logger, long connectionId, EndPoint? remote, int maxConnections);

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
}
