using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Adt;

namespace TeleSurv.Portal.Infrastructure.Adt;

/// <summary>Purges the ADT error queue past its retention (<see cref="AdtErrorQueueRetention"/>) at start and every hour.</summary>
internal sealed partial class AdtErrorQueueRetentionJob(
    IPortalDbContextFactory dbContextFactory,
    TimeProvider timeProvider,
    IOptions<AdtOptions> options,
    ILogger<AdtErrorQueueRetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), timeProvider);
        try
        {
            do
            {
                try
                {
                    await using var db = await dbContextFactory.CreateAsync(stoppingToken);
                    var cutoff = timeProvider.GetUtcNow().UtcDateTime.AddDays(-options.Value.ErrorQueueRetentionDays);
                    var purged = await AdtErrorQueueRetention.PurgeAsync(db, cutoff, stoppingToken);
                    if (purged > 0)
                    {
                        LogPurged(logger, purged, options.Value.ErrorQueueRetentionDays);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The portal is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} ADT messages never applied and older than {Days} days left the journal.")]
    private static partial void LogPurged(ILogger logger, int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ADT error queue purge failed; it runs again in an hour.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
