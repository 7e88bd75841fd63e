namespace TeleSurv.Portal.Application.Common.Messaging;

/// <summary>The rest of the pipeline, as a behaviour sees it: the next behaviour or, last, the handler.</summary>
public delegate Task<TResponse> PipelineStep<TResponse>();

/// <summary>Wraps every request on its way to the handler (audit, authorization, validation).</summary>
public interface IPipelineBehavior<in TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    /// <summary>Does the behaviour's part and calls <paramref name="nextStep"/> to go on, or throws to stop the request.</summary>
    Task<TResponse> Handle(TRequest request, PipelineStep<TResponse> nextStep, CancellationToken cancellationToken);
}
