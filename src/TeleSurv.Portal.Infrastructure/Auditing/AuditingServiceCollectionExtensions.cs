using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.PatientLinks;

namespace TeleSurv.Portal.Infrastructure.Auditing;

public static class AuditingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAuditTrail"/>; needs <see cref="IPortalDbContextFactory"/> registered too. Unless
    /// registered before, the chain key is the development one and checkpoints go to the log only: what tests and
    /// tools get; the portal registers both from configuration (<see cref="AddAuditTrail(IServiceCollection, IConfiguration, IHostEnvironment)"/>).
    /// </summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditAppendLock>();
        services.TryAddSingleton(_ => AuditChainKeys.Development());
        services.TryAddSingleton(new AuditCheckpointOptions());
        services.TryAddSingleton<AuditCheckpoints>();
        services.TryAddScoped<IAuditTrail, AuditTrail>();
        return services;
    }

    /// <summary>
    /// Registers the audit trail with its keys (<c>Audit:ChainKeys</c> or <c>Audit:ChainKeyFile</c>) and checkpoints
    /// (<c>Audit:CheckpointFile</c>, <c>Audit:CheckpointEveryEntries</c>, <c>Audit:CheckpointEverySeconds</c>) read from
    /// configuration when first needed, and the summaries of refused patient links (<c>Audit:RefusedLinks</c>); resolve <see cref="AuditChainKeys"/> at start-up so that a missing key stops the portal.
    /// </summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => AuditChainKeys.FromConfiguration(configuration, environment));
        services.TryAddSingleton(_ => AuditCheckpointOptions.FromConfiguration(configuration, environment));
        services.AddHostedService<AuditCheckpointService>();
        services.Replace(ServiceDescriptor.Singleton(_ => RefusedLinkBurstSettings.FromConfiguration(configuration)));
        services.TryAddSingleton<RefusedLinkBursts>();
        services.AddHostedService<RefusedLinkBurstService>();
        return services.AddAuditTrail();
    }
}
