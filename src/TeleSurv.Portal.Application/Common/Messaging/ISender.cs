namespace TeleSurv.Portal.Application.Common.Messaging;

/// <summary>Sends a request through the pipeline to its handler. The one entry point of the UI into the use cases.</summary>
public interface ISender
{
    Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
}
