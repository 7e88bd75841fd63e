using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Hl7.Mllp;

namespace TeleSurv.Portal.Infrastructure.Adt;

/// <summary>
/// Runs the MLLP listener of inbound ADT for the life of the portal. A port it cannot take leaves the portal up with
/// the listener faulted (the interface monitor says why), rather than taking the clinical screens down with it.
/// </summary>
internal sealed partial class AdtListenerService(
    IOptions<AdtListenerOptions> options,
    AdtMllpHandler handler,
    AdtListenerState state,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<AdtListenerService>();
    private MllpServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoint = settings.EndPoint;
        state.Set(AdtListenerStatus.Starting, endpoint.ToString(), timeProvider.GetUtcNow().UtcDateTime);
        var server = new MllpServer(
            new MllpServerOptions
            {
                EndPoint = endpoint,
                MaxMessageSize = settings.MaxMessageBytes,
                IdleTimeout = TimeSpan.FromSeconds(settings.IdleTimeoutSeconds),
                MaxConnections = settings.MaxConnections,
                ReservedConnections = settings.ReservedConnections,
                FrameTimeout = TimeSpan.FromSeconds(settings.FrameTimeoutSeconds),
                MessageTimeout = TimeSpan.FromSeconds(settings.MessageTimeoutSeconds),
            },
            handler,
            loggerFactory.CreateLogger<MllpServer>());
        try
        {
            server.Start();
        }
        catch (SocketException exception)
        {
            LogCannotListen(_logger, exception, endpoint.ToString());
            state.Set(AdtListenerStatus.Faulted, endpoint.ToString(), timeProvider.GetUtcNow().UtcDateTime, exception.Message);
            return Task.CompletedTask;
        }

        _server = server;
        state.ObserveWith(() => Activity(server.Status()));
        state.Set(AdtListenerStatus.Listening, server.LocalEndPoint.ToString(), timeProvider.GetUtcNow().UtcDateTime);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops accepting and closes every connection; a message still being processed is abandoned (its sender gets no
    /// ACK and sends it again) once the host's shutdown timeout is reached, so that shutdown never waits on a sender.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            try
            {
                await server.StopAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogStopAbandoned(_logger, server.ActiveConnections);
            }

            state.ObserveWith(null);
            state.Set(AdtListenerStatus.Stopped, null, timeProvider.GetUtcNow().UtcDateTime);
        }
    }

    private static AdtListenerActivity Activity(MllpServerStatus status) => new(
        status.Accepting,
        status.ActiveConnections,
        status.MaxConnections,
        status.RefusedConnections,
        status.FramesTimedOut,
        status.MessagesTimedOut,
        status.LastMessageAt?.UtcDateTime,
        status.OldestFrameInProgress,
        status.OldestMessageInProcessing);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ADT listener stopped with {Connections} connections still ending: their messages are left to their senders to send again.")]
    private static partial void LogStopAbandoned(ILogger logger, int connections);

    [LoggerMessage(Level = LogLevel.Error, Message = "The ADT listener cannot listen on {EndPoint}: inbound ADT is off until the portal restarts.")]
    private static partial void LogCannotListen(ILogger logger, Exception exception, string endPoint);
}
