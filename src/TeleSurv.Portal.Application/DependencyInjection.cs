using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Common.Telemetry;
using TeleSurv.Portal.Application.Common.Validation;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Reports;

namespace TeleSurv.Portal.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers every validator of this assembly and the pipeline behaviours. The mediator itself, with the
    /// registration of every handler, is generated at compile time in the host that calls <c>AddMediator</c>
    /// (ADR-005): a request without a handler fails that build.
    /// The host provides <see cref="Abstractions.ICurrentUser"/>, <see cref="Abstractions.IPortalDbContextFactory"/>
    /// and <see cref="Abstractions.IAuditTrail"/>, and for inbound ADT <see cref="IAdtMessageCodec"/>.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);

        // The host provides the IOruMessageWriter (the HL7 encoder) and binds OruOptions (off unless bound).
        services.TryAddSingleton<ReportOutbox>();
        // Inbound ADT: the host provides the HL7 codec (IAdtMessageCodec) and binds AdtOptions.
        services.AddOptions<AdtOptions>();
        services.TryAddScoped<AdtIngestion>();
        services.TryAddSingleton<AdtListenerState>();
        services.TryAddSingleton<AdtEstablishmentDirectory>();
        // The host binds Audit:RefusedLinks and writes the summaries (RefusedLinkBurstService).
        services.TryAddSingleton(new RefusedLinkBurstOptions());
        services.TryAddSingleton<RefusedLinkBursts>();

        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Transient, includeInternalTypes: true);

        // Outermost first: the span covers the whole request; a denied or invalid request is still audited; an invalid one is refused only once
        // authorized, so that validation messages tell nothing to whom may not send the request.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TracingBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuditBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        return services;
    }
}
