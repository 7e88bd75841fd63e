using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Infrastructure.BackgroundJobs;

namespace TeleSurv.Portal.Infrastructure.Auditing;

/// <summary>Reads <c>Audit:RefusedLinks:Threshold</c>, <c>:WindowSeconds</c> and <c>:MaxAddresses</c>.</summary>
public static class RefusedLinkBurstSettings
{
    public const string Section = AuditChainKeys.Section + ":RefusedLinks";

    /// <exception cref="PortalConfigurationException">A setting is wrong; the message names it.</exception>
    public static RefusedLinkBurstOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var options = new RefusedLinkBurstOptions();
        options.Threshold = ConfigurationNumbers.Read(section, "Threshold", options.Threshold, 0, 100_000);
        options.Window = TimeSpan.FromSeconds(ConfigurationNumbers.Read(section, "WindowSeconds", (int)options.Window.TotalSeconds, 1, 3600));
        options.MaxAddresses = ConfigurationNumbers.Read(section, "MaxAddresses", options.MaxAddresses, 1, 1_000_000);
        return options;
    }
}

/// <summary>
/// Writes the summaries of refused-link bursts (<see cref="RefusedLinkBursts"/>) as their windows end, and those of
/// the bursts in progress when the portal stops. The stop is over only once they are written, or once the host's
/// shutdown timeout has passed, each summary not written then said in the log (error 7310) with its counts.
/// </summary>
public sealed partial class RefusedLinkBurstService(
    RefusedLinkBursts bursts,
    IServiceScopeFactory scopes,
    TimeProvider timeProvider,
    ILogger<RefusedLinkBurstService> logger) : WritesOnStopService
{
    // Cancelled when the host's shutdown timeout passes, not when the stop begins: a summary taken is written.
    private readonly CancellationTokenSource _givenUp = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Half a window: a summary is written at most one and a half windows after its burst began.
        var period = TimeSpan.FromTicks(Math.Clamp(bursts.Options.Window.Ticks / 2, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        using var timer = new PeriodicTimer(period, timeProvider);
        var givenUp = _givenUp.Token;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(bursts.TakeSummaries(), givenUp);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync writes what is left.
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _givenUp.Dispose();
    }

    protected override async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        await using (cancellationToken.Register(_givenUp.Cancel))
        {
            // Waits for a periodic write under way, which the stop does not cancel: its summaries are taken already.
            await StopLoopAsync(CancellationToken.None);
            await WriteAsync(bursts.TakeSummaries(all: true), _givenUp.Token);
        }
    }

    private async Task WriteAsync(IReadOnlyList<AuditRecord> summaries, CancellationToken cancellationToken)
    {
        foreach (var summary in summaries)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IAuditTrail>().AppendAsync(summary, cancellationToken);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The count then survives in the log, which the audit's checkpoints also go to.
                LogSummaryLost(logger, ex, summary.Detail);
            }
        }
    }

    [LoggerMessage(EventId = 7310, Level = LogLevel.Error, Message = "Refused patient links could not be summarised in the audit trail: {Summary}")]
    private static partial void LogSummaryLost(ILogger logger, Exception exception, string? summary);
}
