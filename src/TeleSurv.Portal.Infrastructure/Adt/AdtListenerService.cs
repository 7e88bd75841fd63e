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
        state.CountConnectionsWith(() => server.ActiveConnections);
        state.Set(AdtListenerStatus.Listening, server.LocalEndPoint.ToString(), timeProvider.GetUtcNow().UtcDateTime);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync(cancellationToken);
            state.CountConnectionsWith(null);
            state.Set(AdtListenerStatus.Stopped, null, timeProvider.GetUtcNow().UtcDateTime);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The ADT listener cannot listen on {EndPoint}: inbound ADT is off until the portal restarts.")]
    private static partial void LogCannotListen(ILogger logger, Exception exception, string endPoint);
}
