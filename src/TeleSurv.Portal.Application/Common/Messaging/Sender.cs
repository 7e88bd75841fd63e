using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace TeleSurv.Portal.Application.Common.Messaging;

/// <summary>
/// Resolves the handler and behaviours of a request from the caller's scope and runs them.
/// The only reflection is building one closed wrapper per request type, the first time it is sent.
/// </summary>
internal sealed class Sender(IServiceProvider services) : ISender
{
    private static readonly ConcurrentDictionary<Type, RequestPipeline> Pipelines = new();

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pipeline = (RequestPipeline<TResponse>)Pipelines.GetOrAdd(request.GetType(), RequestPipeline.For);
        return pipeline.Handle(request, services, cancellationToken);
    }
}

internal abstract class RequestPipeline
{
    public static RequestPipeline For(Type requestType)
    {
        var responseTypes = requestType.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToArray();
        if (responseTypes.Length != 1)
        {
            throw new InvalidOperationException(
                $"{requestType.Name} must implement IRequest<TResponse> exactly once to be sent; it implements it {responseTypes.Length} times.");
        }

        var pipelineType = typeof(RequestPipeline<,>).MakeGenericType(requestType, responseTypes[0]);
        return (RequestPipeline)Activator.CreateInstance(pipelineType)!;
    }
}

internal abstract class RequestPipeline<TResponse> : RequestPipeline
{
    public abstract Task<TResponse> Handle(IRequest<TResponse> request, IServiceProvider services, CancellationToken cancellationToken);
}

internal sealed class RequestPipeline<TRequest, TResponse> : RequestPipeline<TResponse>
    where TRequest : IRequest<TResponse>
{
    public override Task<TResponse> Handle(IRequest<TResponse> request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var typedRequest = (TRequest)request;
        var handler = services.GetService<IRequestHandler<TRequest, TResponse>>()
            ?? throw new InvalidOperationException(
                $"No handler is registered for {typeof(TRequest).Name}. Handlers of the Application assembly are registered by AddApplication().");

        PipelineStep<TResponse> next = () => handler.Handle(typedRequest, cancellationToken);

        // Registration order is outermost first, so the chain is built from the innermost behaviour outwards.
        var behaviours = services.GetServices<IPipelineBehavior<TRequest, TResponse>>();
        var ordered = behaviours as IPipelineBehavior<TRequest, TResponse>[] ?? [.. behaviours];
        for (var i = ordered.Length - 1; i >= 0; i--)
        {
            var behaviour = ordered[i];
            var inner = next;
            next = () => behaviour.Handle(typedRequest, inner, cancellationToken);
        }

        return next();
    }
}
