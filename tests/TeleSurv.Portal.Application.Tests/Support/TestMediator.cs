using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TeleSurv.Portal.Application.Tests.Support;

public static class TestMediator
{
    /// <summary>
    /// The mediator generated for this assembly, wired as the portal wires its own: the Application's handlers, and
    /// the echo and probe requests that exist only for the tests.
    /// </summary>
    public static IServiceCollection AddTestMediator(this IServiceCollection services)
    {
        // What the echo handler counts with, unless the host brought its own.
        services.TryAddSingleton<HandlerCalls>();
        return services.AddMediator((MediatorOptions options) =>
        {
            options.Namespace = "TeleSurv.Portal.Application.Tests.Generated";
            options.ServiceLifetime = ServiceLifetime.Transient;
            options.Assemblies = [typeof(DependencyInjection), typeof(TestMediator)];
        });
    }
}
