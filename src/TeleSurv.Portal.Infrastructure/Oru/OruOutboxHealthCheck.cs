using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Reports;

namespace TeleSurv.Portal.Infrastructure.Oru;

/// <summary>
/// "oru": degraded, not unhealthy, when the oldest message still owed to the EAI has waited longer than
/// <see cref="OruOptions.DegradedAfterMinutes"/>: the EAI is away, the portal keeps working and says so.
/// </summary>
internal sealed class OruOutboxHealthCheck(IPortalDbContextFactory dbContextFactory, TimeProvider timeProvider, IOptions<OruOptions> options)
    : IHealthCheck
{
    public const string Name = "oru";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return HealthCheckResult.Healthy("ORU reports are off (Oru:Enabled).");
        }

        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var statistics = await OruOutboxStatistics.ReadAsync(db, cancellationToken);
        var pending = statistics.Count(OruMessageState.Pending) + statistics.Count(OruMessageState.Sending);
        var failed = statistics.Count(OruMessageState.Failed);
        var age = statistics.OldestPendingAge(timeProvider.GetUtcNow().UtcDateTime);
        var data = new Dictionary<string, object>
        {
            ["pending"] = pending,
            ["failed"] = failed,
            ["delivered"] = statistics.Count(OruMessageState.Delivered),
            ["oldestPendingSeconds"] = age is { } a ? Math.Round(a.TotalSeconds) : 0d,
        };

        var summary = string.Create(CultureInfo.InvariantCulture, $"{pending} pending, {failed} refused by the EAI");
        if (age is { } waited && waited > settings.DegradedAfter)
        {
            return HealthCheckResult.Degraded(
                string.Create(CultureInfo.InvariantCulture, $"{summary}; the oldest has waited {waited.TotalMinutes:0} min (threshold {settings.DegradedAfterMinutes} min): the EAI may be unreachable."),
                data: data);
        }

        return HealthCheckResult.Healthy(summary + ".", data);
    }
}
