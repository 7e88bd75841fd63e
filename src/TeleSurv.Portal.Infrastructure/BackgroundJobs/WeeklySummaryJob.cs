using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Reports;

namespace TeleSurv.Portal.Infrastructure.BackgroundJobs;

/// <summary>
/// Writes the weekly summaries (<see cref="WriteWeeklySummariesCommand"/>) at start and then every
/// <see cref="OruOptions.WeeklySummaryIntervalMinutes"/>, on the injected clock. A failed run is logged and the next
/// one tries again; the command is idempotent, so overlapping instances are harmless.
/// </summary>
internal sealed partial class WeeklySummaryJob(
    IServiceScopeFactory scopeFactory,
    TimeProvider timeProvider,
    IOptions<OruOptions> options,
    ILogger<WeeklySummaryJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WeeklySummaryInterval, timeProvider);
        try
        {
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The portal is stopping.
        }
    }

    /// <summary>One run; never throws but for cancellation, so that one bad run does not stop the job.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var run = await sender.Send(new WriteWeeklySummariesCommand(), cancellationToken);
            if (run.SummariesWritten > 0)
            {
                LogWritten(logger, run.SummariesWritten, run.EnrollmentsChecked);
            }

            if (run.Refused > 0)
            {
                LogRefused(logger, run.Refused);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly summaries: {SummariesWritten} written to the ORU outbox over {EnrollmentsChecked} active enrollment(s).")]
    private static partial void LogWritten(ILogger logger, int summariesWritten, int enrollmentsChecked);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weekly summaries: {Refused} week(s) cannot be written in the configured character set; tried again next run.")]
    private static partial void LogRefused(ILogger logger, int refused);

    [LoggerMessage(Level = LogLevel.Error, Message = "The weekly-summary run failed; it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
