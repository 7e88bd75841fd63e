using Mediator;

namespace TeleSurv.Portal.Web.Tests.Support;

/// <summary>A sender that answers each request type with the function given, and keeps what it was sent.</summary>
public sealed class RecordingSender : AnsweringSender
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

    protected override TResponse Answer<TResponse>(IRequest<TResponse> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Sent.Add(request);
        return _answers.TryGetValue(request.GetType(), out var answer)
            ? (TResponse)answer(request)!
            : throw new InvalidOperationException($"Unexpected request {request.GetType().Name}.");
    }
}
