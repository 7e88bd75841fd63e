using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Messaging;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Common.Validation;
using TeleSurv.Portal.Application.Reports;

namespace TeleSurv.Portal.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the sender, every handler and validator of this assembly, and the pipeline behaviours.
    /// The host provides <see cref="Abstractions.ICurrentUser"/>, <see cref="Abstractions.IPortalDbContextFactory"/>
    /// and <see cref="Abstractions.IAuditTrail"/>, and for inbound ADT <see cref="IAdtMessageCodec"/>.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);

        // Scoped: the sender resolves handlers from the caller's scope, where the current user lives.
        services.TryAddScoped<ISender, Sender>();

        // The host provides the IOruMessageWriter (the HL7 encoder) and binds OruOptions (off unless bound).
        services.TryAddSingleton<ReportOutbox>();
        // Inbound ADT: the host provides the HL7 codec (IAdtMessageCodec) and binds AdtOptions.
        services.AddOptions<AdtOptions>();
        services.TryAddScoped<AdtIngestion>();
        services.TryAddSingleton<AdtListenerState>();
        services.TryAddSingleton<AdtEstablishmentDirectory>();

        foreach (var (service, implementation) in FindHandlersAndValidators(typeof(DependencyInjection).Assembly.GetTypes()))
        {
            services.AddTransient(service, implementation);
        }

        // Outermost first: a denied or invalid request is still audited; an invalid one is refused only once
        // authorized, so that validation messages tell nothing to whom may not send the request.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuditBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        return services;
    }

    internal static IEnumerable<(Type Service, Type Implementation)> FindHandlersAndValidators(IEnumerable<Type> types)
    {
        var handled = new Dictionary<Type, Type>();
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var service in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = service.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>))
                {
                    var requestType = service.GetGenericArguments()[0];
                    if (!handled.TryAdd(requestType, type))
                    {
                        throw new InvalidOperationException(
                            $"{requestType.Name} has two handlers, {handled[requestType].Name} and {type.Name}: a request has exactly one.");
                    }

                    yield return (service, type);
                }
                else if (definition == typeof(IValidator<>))
                {
                    yield return (service, type);
                }
            }
        }
    }
}
