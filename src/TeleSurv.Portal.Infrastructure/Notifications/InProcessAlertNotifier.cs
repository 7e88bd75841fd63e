using System.Collections.Frozen;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using TeleSurv.Portal.Application.Abstractions;

namespace TeleSurv.Portal.Infrastructure.Notifications;

/// <summary>
/// Alert changes delivered to the subscribers of this process (open Blazor circuits), by establishment.
/// </summary>
/// <remarks>
/// <para>
/// Publishing never waits for a subscriber: each subscription has its own bounded queue and its own delivery loop,
/// so a slow or failing handler delays only itself; when its queue is full the oldest pending change is dropped
/// (the handler reloads what it shows, so the newest change is enough to catch up). The subscriber list is an
/// immutable array replaced under a lock, so publishing reads it without locking; disposing a subscription removes
/// it and ends its loop, after which nothing here refers to its handler.
/// </para>
/// <para>
/// The seam for several nodes is <see cref="IAlertNotifier.Publish"/>: it is the only way in, and it does not care
/// where a change comes from. <see cref="PostgresAlertBackplane"/> is registered as <see cref="IAlertNotifier"/>:
/// it calls this class for each local change and forwards it to the other nodes; its listener calls this class's
/// <see cref="Publish"/> for the changes other nodes send, and <see cref="PublishResynchronise"/> when it had lost
/// them for a while. Subscribers and publishers stay as they are.
/// </para>
/// </remarks>
public sealed partial class InProcessAlertNotifier(ILogger<InProcessAlertNotifier> logger) : IAlertNotifier, IAlertChangeFeed
{
    /// <summary>Changes a subscription may have waiting before the oldest is dropped.</summary>
    public const int QueueCapacity = 256;

    private readonly ILogger<InProcessAlertNotifier> _logger = logger;
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    /// <summary>Subscriptions currently open (for monitoring and tests).</summary>
    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    public void Publish(AlertChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Offer(change);
        }
    }

    /// <summary>
    /// Tells every subscription, whatever its establishments, to reload what it shows: changes may have been missed.
    /// </summary>
    public void PublishResynchronise()
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.OfferAlways(AlertChanged.Resynchronise);
        }
    }

    public IDisposable Subscribe(IEnumerable<Guid> establishmentIds, Func<AlertChanged, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(establishmentIds);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, establishmentIds.ToFrozenSet(), handler);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        subscription.Start();
        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An alert change subscriber failed on a {Kind} change; its subscription goes on.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, AlertChangeKind kind);

    private sealed class Subscription(
        InProcessAlertNotifier owner, FrozenSet<Guid> establishmentIds, Func<AlertChanged, CancellationToken, Task> handler) : IDisposable
    {
        private readonly Channel<AlertChanged> _queue = Channel.CreateBounded<AlertChanged>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });

        private readonly CancellationTokenSource _stopping = new();
        private int _disposed;

        public void Offer(AlertChanged change)
        {
            if (establishmentIds.Contains(change.EstablishmentId))
            {
                // A bounded queue that drops its oldest item always accepts: this never waits.
                _queue.Writer.TryWrite(change);
            }
        }

        public void OfferAlways(AlertChanged change) => _queue.Writer.TryWrite(change);

        public void Start() => _ = Task.Run(DeliverAsync);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            owner.Remove(this);

            // Cancelled before disposed: the delivery loop only ever sees a cancelled token, never a disposed one.
            _stopping.Cancel();
            _queue.Writer.TryComplete();
            _stopping.Dispose();
        }

        private async Task DeliverAsync()
        {
            var token = _stopping.Token;
            try
            {
                await foreach (var change in _queue.Reader.ReadAllAsync(token).ConfigureAwait(false))
                {
                    try
                    {
                        await handler(change, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested)
                    {
                        break;
                    }
                    catch (Exception exception)
                    {
                        LogHandlerFailed(owner._logger, exception, change.Kind);
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Disposed while waiting for the next change.
            }
        }
    }
}
