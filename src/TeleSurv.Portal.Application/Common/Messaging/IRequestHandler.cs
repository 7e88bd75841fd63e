namespace TeleSurv.Portal.Application.Common.Messaging;

/// <summary>Carries out one use case. Exactly one handler per request type.</summary>
public interface IRequestHandler<in TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
}
