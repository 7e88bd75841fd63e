using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;
using TeleSurv.Portal.Web.Localization;

namespace TeleSurv.Portal.Web.Hosting;

/// <summary>MudBlazor's services with its texts taken from the portal's resources (French and English).</summary>
public static class MudBlazorSetup
{
    public static IServiceCollection AddPortalMudBlazor(this IServiceCollection services)
    {
        services.AddMudServices(configuration =>
        {
            configuration.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter;
            configuration.SnackbarConfiguration.PreventDuplicates = false;
            configuration.SnackbarConfiguration.VisibleStateDuration = 6_000;
        });
        services.Replace(ServiceDescriptor.Transient<MudLocalizer, PortalMudLocalizer>());
        return services;
    }
}
