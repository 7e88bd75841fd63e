using System.Diagnostics;
using Mediator;

namespace TeleSurv.Portal.Application.Common.Telemetry;

/// <summary>
/// One span per request through the mediator, named after the request type, outermost so that it covers the audit,
/// the authorization and the validation too; a refused or failed request ends its span in error with the exception's
/// type, never its message (which may name a patient).
/// </summary>
internal sealed class TracingBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    private static readonly string SpanName = typeof(TRequest).Name;

    public async ValueTask<TResponse> Handle(TRequest request, MessageHandlerDelegate<TRequest, TResponse> nextStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nextStep);
        using var activity = PortalTelemetry.ActivitySource.StartActivity(SpanName);
        try
        {
            return await nextStep(request, cancellationToken);
        }
        catch (Exception exception) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
    }
}
