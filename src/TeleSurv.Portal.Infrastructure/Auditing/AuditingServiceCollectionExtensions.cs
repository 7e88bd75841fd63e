using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeleSurv.Portal.Application.Abstractions;

namespace TeleSurv.Portal.Infrastructure.Auditing;

public static class AuditingServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IAuditTrail"/>; needs <see cref="IPortalDbContextFactory"/> registered too.</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditAppendLock>();
        services.TryAddScoped<IAuditTrail, AuditTrail>();
        return services;
    }
}
