using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TeleSurv.Portal.Hl7.Mllp;

/// <summary>
/// The sending side of MLLP: one connection, one message at a time. <see cref="SendAsync"/> connects when needed,
/// writes one frame and returns the payload of the acknowledgement frame. After any failure the connection is
/// dropped (a late acknowledgement must never be taken for the next message's), and the next send reconnects.
/// Not safe for concurrent sends: use one client per outbound connection.
/// </summary>
public sealed partial class MllpClient : IAsyncDisposable
{
    private readonly MllpClientOptions _options;
    private readonly ILogger _logger;
    private Socket? _socket;
    private Stream? _stream;
    private PipeReader? _reader;
    private PipeWriter? _writer;
    private MllpFrameDecoder? _decoder;

    /// <summary>Creates a client; nothing connects before the first send or <see cref="ConnectAsync"/>.</summary>
    public MllpClient(MllpClientOptions options, ILogger<MllpClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>True while a connection is open.</summary>
    public bool IsConnected => _stream is not null;

    /// <summary>Opens the connection (and the TLS session) within the connect timeout.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (_stream is not null)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (_options.UseTls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = _options.TlsTargetHost ?? _options.Host,
                        ClientCertificates = _options.ClientCertificate is null ? null : [_options.ClientCertificate],
                        RemoteCertificateValidationCallback = _options.ServerCertificateValidation,
                        EnabledSslProtocols = _options.TlsProtocols,
                    },
                    timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await DisposeQuietlyAsync(stream, socket).ConfigureAwait(false);
            throw new MllpException(MllpFailure.ConnectTimeout, $"No MLLP connection to {_options.Host}:{_options.Port} within {_options.ConnectTimeout}.");
        }
        catch (SocketException exception)
        {
            await DisposeQuietlyAsync(stream, socket).ConfigureAwait(false);
            throw new MllpException(MllpFailure.ConnectFailed, $"MLLP connection to {_options.Host}:{_options.Port} failed: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is System.Security.Authentication.AuthenticationException or IOException)
        {
            await DisposeQuietlyAsync(stream, socket).ConfigureAwait(false);
            throw new MllpException(MllpFailure.TlsFailed, $"TLS with {_options.Host}:{_options.Port} failed: {exception.Message}", exception);
        }
        catch
        {
            await DisposeQuietlyAsync(stream, socket).ConfigureAwait(false);
            throw;
        }

        _socket = socket;
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        _decoder = new MllpFrameDecoder(_options.MaxAckSize);
        LogConnected(_logger, _options.Host, _options.Port, _options.UseTls);
    }

    /// <summary>
    /// Sends one message (unframed payload) and returns the acknowledgement's payload; read it with
    /// <see cref="Hl7ReceivedAck.Read(ReadOnlySpan{byte})"/>. Throws <see cref="MllpException"/> on failure.
    /// </summary>
    public async Task<byte[]> SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        if (message.Span.IndexOfAny(MllpFraming.StartBlock, MllpFraming.EndBlock) >= 0)
        {
            throw new ArgumentException("An MLLP payload cannot hold the bytes 0x0B or 0x1C.", nameof(message));
        }

        await ConnectAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.AckTimeout);
        try
        {
            await MllpServer.WriteFrameAsync(_writer!, message, timeout.Token).ConfigureAwait(false);
            return await ReadAckAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await CloseAsync().ConfigureAwait(false);
            throw new MllpException(MllpFailure.AckTimeout, $"No acknowledgement from {_options.Host}:{_options.Port} within {_options.AckTimeout}.");
        }
        catch (MllpException)
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            await CloseAsync().ConfigureAwait(false);
            throw new MllpException(MllpFailure.TransportError, $"MLLP exchange with {_options.Host}:{_options.Port} failed: {exception.Message}", exception);
        }
        catch
        {
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the connection; the next send opens a new one.</summary>
    public async Task CloseAsync()
    {
        if (_reader is not null)
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
        }

        if (_writer is not null)
        {
            await _writer.CompleteAsync().ConfigureAwait(false);
        }

        await DisposeQuietlyAsync(_stream, _socket).ConfigureAwait(false);
        _reader = null;
        _writer = null;
        _stream = null;
        _socket = null;
        _decoder = null;
    }

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    private async Task<byte[]> ReadAckAsync(CancellationToken cancellationToken)
    {
        var reader = _reader!;
        var decoder = _decoder!;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var found = decoder.TryReadFrame(ref buffer, out var frame);
            var skipped = decoder.TakeSkipped();
            if (skipped > 0)
            {
                LogSkippedBytes(_logger, _options.Host, _options.Port, skipped);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (found)
            {
                if (frame.IsOversize)
                {
                    throw new MllpException(MllpFailure.AckTooLarge, $"The acknowledgement from {_options.Host}:{_options.Port} is over {_options.MaxAckSize} bytes.");
                }

                return frame.Payload;
            }

            if (result.IsCompleted)
            {
                throw new MllpException(MllpFailure.ConnectionClosed, $"{_options.Host}:{_options.Port} closed the connection without acknowledging.");
            }
        }
    }

    private static async ValueTask DisposeQuietlyAsync(Stream? stream, Socket? socket)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        socket?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MLLP connected to {Host}:{Port} (TLS: {Tls}).")]
    private static partial void LogConnected(ILogger logger, string host, int port, bool tls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP peer {Host}:{Port} sent {Count} bytes outside any frame; skipped.")]
    private static partial void LogSkippedBytes(ILogger logger, string host, int port, long count);
}
