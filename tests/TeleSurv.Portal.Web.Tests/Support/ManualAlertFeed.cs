using TeleSurv.Portal.Application.Abstractions;

namespace TeleSurv.Portal.Web.Tests.Support;

/// <summary>The alert change feed a test drives: <see cref="Publish"/> hands a change to the page that subscribed.</summary>
public sealed class ManualAlertFeed : IAlertChangeFeed
{
    private Func<AlertChanged, CancellationToken, Task>? _handler;

    public IDisposable Subscribe(IEnumerable<Guid> establishmentIds, Func<AlertChanged, CancellationToken, Task> handler)
    {
        _handler = handler;
        return new Subscription(this);
    }

    public void Publish(AlertChanged change) =>
        (_handler ?? throw new InvalidOperationException("The page did not subscribe to the feed.")).Invoke(change, CancellationToken.None).GetAwaiter().GetResult();

    private sealed class Subscription(ManualAlertFeed feed) : IDisposable
    {
        public void Dispose() => feed._handler = null;
    }
}
