using Mediator;

namespace TeleSurv.Portal.Web.Tests.Support;

/// <summary>A sender for component tests: answers the requests a component sends, refuses every other kind of message.</summary>
public abstract class AnsweringSender : ISender
{
    public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        new(Answer(request));

    public ValueTask<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default) =>
        throw Unexpected(command);

    public ValueTask<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        throw Unexpected(query);

    public ValueTask<object?> Send(object message, CancellationToken cancellationToken = default) =>
        throw Unexpected(message);

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamQuery<TResponse> query, CancellationToken cancellationToken = default) =>
        throw Unexpected(query);

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        throw Unexpected(request);

    public IAsyncEnumerable<TResponse> CreateStream<TResponse>(IStreamCommand<TResponse> command, CancellationToken cancellationToken = default) =>
        throw Unexpected(command);

    public IAsyncEnumerable<object?> CreateStream(object message, CancellationToken cancellationToken = default) =>
        throw Unexpected(message);

    /// <summary>The response to a request, or an exception for a request the component should not send.</summary>
    protected abstract TResponse Answer<TResponse>(IRequest<TResponse> request);

    private static InvalidOperationException Unexpected(object message) =>
        new($"Components send requests only: {message.GetType().Name}.");
}
