using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace TeleSurv.Portal.Benchmarks.Messaging;

public static class BenchmarkMediator
{
    /// <summary>The mediator generated for the benchmarks, wired as the portal wires its own, plus the no-op request.</summary>
    public static IServiceCollection AddBenchmarkMediator(this IServiceCollection services) =>
        services.AddMediator((MediatorOptions options) =>
        {
            options.Namespace = "TeleSurv.Portal.Benchmarks.Generated";
            options.ServiceLifetime = ServiceLifetime.Transient;
            options.Assemblies = [typeof(Application.DependencyInjection), typeof(BenchmarkMediator)];
        });
}
