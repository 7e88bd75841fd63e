using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Questionnaires;

namespace TeleSurv.Portal.Infrastructure.BackgroundJobs;

/// <summary>
/// Runs the non-responder check (<see cref="RaiseMissedQuestionnaireAlertsCommand"/>) at start and then every
/// <see cref="NonResponderOptions.IntervalMinutes"/>, on the injected clock. A failed run is logged and the next
/// one tries again; the check itself is idempotent, so overlapping instances are harmless.
/// </summary>
internal sealed partial class NonResponderJob(
    IServiceScopeFactory scopeFactory,
    TimeProvider timeProvider,
    IOptions<NonResponderOptions> options,
    ILogger<NonResponderJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, timeProvider);
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

    /// <summary>One check; never throws but for cancellation, so that one bad run does not stop the job.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var result = await sender.Send(new RaiseMissedQuestionnaireAlertsCommand(), cancellationToken);
            if (result.AlertsRaised > 0)
            {
                LogRaised(logger, result.AlertsRaised, result.EnrollmentsChecked);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Non-responder check: {AlertsRaised} missed-questionnaire alert(s) raised over {EnrollmentsChecked} active enrollment(s).")]
    private static partial void LogRaised(ILogger logger, int alertsRaised, int enrollmentsChecked);

    [LoggerMessage(Level = LogLevel.Error, Message = "The non-responder check failed; it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
