using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.PatientLinks;

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
/// the bursts in progress when the portal stops.
/// </summary>
public sealed partial class RefusedLinkBurstService(
    RefusedLinkBursts bursts,
    IServiceScopeFactory scopes,
    TimeProvider timeProvider,
    ILogger<RefusedLinkBurstService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Half a window: a summary is written at most one and a half windows after its burst began.
        var period = TimeSpan.FromTicks(Math.Clamp(bursts.Options.Window.Ticks / 2, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        using var timer = new PeriodicTimer(period, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(bursts.TakeSummaries(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync(bursts.TakeSummaries(all: true), cancellationToken);
    }

    private async Task WriteAsync(IReadOnlyList<AuditRecord> summaries, CancellationToken cancellationToken)
    {
        if (summaries.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        foreach (var summary in summaries)
        {
            try
            {
                await trail.AppendAsync(summary, cancellationToken);
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
