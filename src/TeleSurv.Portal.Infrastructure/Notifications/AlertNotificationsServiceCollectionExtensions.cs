using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeleSurv.Portal.Application.Abstractions;

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
}
