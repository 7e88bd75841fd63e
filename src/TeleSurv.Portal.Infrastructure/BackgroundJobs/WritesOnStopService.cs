using Microsoft.Extensions.Hosting;

namespace TeleSurv.Portal.Infrastructure.BackgroundJobs;

/// <summary>
/// A background service with a last write to make when the portal stops (<see cref="StopOnceAsync"/>), made once
/// however many times the service is stopped.
/// </summary>
/// <remarks>
/// Every call to <see cref="StopAsync"/> waits for that one write. A host stopped twice at once (a test host is
/// stopped by the test and by the portal's own RunAsync, which then disposes the services) must not be done with a
/// call that found nothing left to write while the other is still writing, nor write twice.
/// </remarks>
public abstract class WritesOnStopService : BackgroundService
{
    private readonly Lock _gate = new();
    private Task? _stopping;

    public sealed override Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _stopping ??= StopOnceAsync(cancellationToken);
        }
    }

    /// <summary>Stops the service's loop (<see cref="StopLoopAsync"/>), then makes the last write.</summary>
    /// <param name="cancellationToken">Cancelled when the host's shutdown timeout passes, given by the first stop.</param>
    protected abstract Task StopOnceAsync(CancellationToken cancellationToken);

    /// <summary>Cancels <see cref="BackgroundService.ExecuteAsync"/> and waits for it, or for the token.</summary>
    protected Task StopLoopAsync(CancellationToken cancellationToken) => base.StopAsync(cancellationToken);
}
