using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Infrastructure.Auditing;
using TeleSurv.Portal.Infrastructure.Notifications;
using TeleSurv.Portal.Infrastructure.Oru;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Infrastructure.Security;

namespace TeleSurv.Portal.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the portal database (provider from <c>Database:Provider</c>, <c>ConnectionStrings:Portal</c>),
    /// <see cref="IPortalDbContextFactory"/>, the audit trail, the alert notifier and its backplane, the shared data-protection keys, the "database" health check and the ORU outbox (<see cref="OruSetup.AddOru"/>).
    /// Settings are read when first needed, so configuration added after this call (test hosts) is seen; call
    /// <see cref="PortalDatabaseStartup.PreparePortalDatabaseAsync"/> at start-up to check them and migrate.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        services.AddOptions<DatabaseOptions>()
            .Configure(options =>
            {
                options.Provider = configuration[DatabaseOptions.ProviderKey];
                options.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
                options.ContentRootPath = environment.ContentRootPath;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        services.AddDbContextFactory<PortalDbContext>((provider, builder) =>
        {
            var options = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            PortalDbContextOptions.Configure(builder, options.GetProvider(), options.GetConnectionString());
        });
        services.AddSingleton<IPortalDbContextFactory, PortalDbContextFactory>();

        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");
        services.AddAuditTrail(configuration, environment);
        services.AddLiveUpdates(configuration);
        services.AddPortalDataProtection(configuration, environment);
        services.AddOru(configuration);
        return services;
    }
}
