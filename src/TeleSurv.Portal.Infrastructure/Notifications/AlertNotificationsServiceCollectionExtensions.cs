using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Infrastructure.Clinical;

namespace TeleSurv.Portal.Infrastructure.Notifications;

public static class AlertNotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the in-process alert notifier as both <see cref="IAlertNotifier"/> and <see cref="IAlertChangeFeed"/>
    /// (one instance per process). A registration made before this call wins, so a backplane can take the publishing side.
    /// </summary>
    public static IServiceCollection AddAlertNotifications(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<InProcessAlertNotifier>();
        services.TryAddSingleton<IAlertNotifier>(sp => sp.GetRequiredService<InProcessAlertNotifier>());
        services.TryAddSingleton<IAlertChangeFeed>(sp => sp.GetRequiredService<InProcessAlertNotifier>());
        return services;
    }

    /// <summary>
    /// Registers the live updates of a portal: <see cref="PostgresAlertBackplane"/> as <see cref="IAlertNotifier"/>
    /// (it shares changes with the other instances when the database is PostgreSQL, and only delivers them here
    /// otherwise) over the in-process notifier, with the <c>LiveUpdates</c> section read strictly.
    /// </summary>
    /// <exception cref="PortalConfigurationException">A setting is wrong; the message names it.</exception>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(LiveUpdatesOptions.SectionName);
        var options = new LiveUpdatesOptions();
        var problems = ClinicalSettings.Bind(section, options);
        if (problems.Count == 0)
        {
            problems.AddRange(ClinicalSettings.Qualify(section, options, options.Validate()));
        }

        if (problems.Count > 0)
        {
            throw new PortalConfigurationException(string.Join(" ", problems));
        }

        services.Configure<LiveUpdatesOptions>(target => ClinicalSettings.Bind(section, target));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresAlertBackplane>();
        services.TryAddSingleton<IAlertNotifier>(sp => sp.GetRequiredService<PostgresAlertBackplane>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PostgresAlertBackplane>());
        services.AddHostedService<SqliteSharedFileCheck>();
        return services.AddAlertNotifications();
    }
}
