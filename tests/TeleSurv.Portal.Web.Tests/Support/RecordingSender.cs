using TeleSurv.Portal.Application.Common.Messaging;

namespace TeleSurv.Portal.Web.Tests.Support;

/// <summary>An <see cref="ISender"/> that answers each request type with the function given, and keeps what it was sent.</summary>
public sealed class RecordingSender : ISender
{
    private readonly Dictionary<Type, Func<object, object?>> _answers = [];

    public List<object> Sent { get; } = [];

    public RecordingSender On<TRequest, TResponse>(Func<TRequest, TResponse> answer)
        where TRequest : IRequest<TResponse>
    {
        _answers[typeof(TRequest)] = request => answer((TRequest)request);
        return this;
    }

    public IEnumerable<TRequest> SentOf<TRequest>() => Sent.OfType<TRequest>();

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Sent.Add(request);
        return _answers.TryGetValue(request.GetType(), out var answer)
            ? Task.FromResult((TResponse)answer(request)!)
            : throw new InvalidOperationException($"Unexpected request {request.GetType().Name}.");
    }
}
