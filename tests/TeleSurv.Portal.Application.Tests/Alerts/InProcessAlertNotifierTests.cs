using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Infrastructure.Notifications;

namespace TeleSurv.Portal.Application.Tests.Alerts;

public sealed class InProcessAlertNotifierTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly Guid _hospital = Guid.CreateVersion7();
    private readonly Guid _riverside = Guid.CreateVersion7();
    private readonly CountingLogger _logger = new();
    private readonly InProcessAlertNotifier _notifier;
    private readonly List<IDisposable> _subscriptions = [];

    public InProcessAlertNotifierTests()
    {
        _notifier = new InProcessAlertNotifier(_logger);
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    [Fact]
    public async Task Delivers_each_change_to_the_subscribers_of_its_establishment_in_publish_order()
    {
        var hospital = Subscribe(_hospital);
        var both = Subscribe(_hospital, _riverside);
        var riverside = Subscribe(_riverside);
        var first = Change(_hospital, AlertChangeKind.Raised);
        var second = Change(_riverside, AlertChangeKind.Claimed);
        var third = Change(_hospital, AlertChangeKind.Resolved);

        _notifier.Publish(first);
        _notifier.Publish(second);
        _notifier.Publish(third);

        Assert.Equal([first, third], await hospital.WaitForAsync(2));
        Assert.Equal([first, second, third], await both.WaitForAsync(3));
        Assert.Equal([second], await riverside.WaitForAsync(1));
        await Task.Delay(100);
        Assert.Equal(2, hospital.Received.Count);
    }

    [Fact]
    public async Task A_blocked_subscriber_neither_holds_the_publisher_nor_the_other_subscribers()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocked = Subscribe([_hospital], _ => gate.Task);
        var other = Subscribe(_hospital);

        // Publish is synchronous: had it waited for the blocked subscriber, the loop would never end while the gate is shut.
        for (var i = 0; i < 1000; i++)
        {
            _notifier.Publish(Change(_hospital, AlertChangeKind.ActionRecorded));
        }

        Assert.False(gate.Task.IsCompleted);
        Assert.True((await other.WaitForAsync(InProcessAlertNotifier.QueueCapacity)).Count >= InProcessAlertNotifier.QueueCapacity);
        Assert.Single(blocked.Received);
        gate.SetResult();
    }

    [Fact]
    public async Task A_subscriber_too_slow_to_keep_up_loses_its_oldest_pending_changes()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = Subscribe([_hospital], received =>
        {
            started.TrySetResult();
            return received == 1 ? gate.Task : Task.CompletedTask;
        });
        var changes = Enumerable.Range(0, InProcessAlertNotifier.QueueCapacity + 11).Select(_ => Change(_hospital, AlertChangeKind.ActionRecorded)).ToList();

        _notifier.Publish(changes[0]);
        await started.Task.WaitAsync(Patience);
        foreach (var change in changes.Skip(1))
        {
            _notifier.Publish(change);
        }

        gate.SetResult();

        // The first was being handled; of the others only the newest that fit in the queue remain.
        Assert.Equal([changes[0], .. changes.TakeLast(InProcessAlertNotifier.QueueCapacity)], await slow.WaitForAsync(InProcessAlertNotifier.QueueCapacity + 1));
    }

    [Fact]
    public async Task A_failing_handler_is_logged_and_keeps_its_subscription()
    {
        var calls = Subscribe([_hospital], received => received == 1 ? throw new InvalidOperationException("Boom.") : Task.CompletedTask);

        _notifier.Publish(Change(_hospital, AlertChangeKind.Raised));
        _notifier.Publish(Change(_hospital, AlertChangeKind.Claimed));

        Assert.Equal([AlertChangeKind.Raised, AlertChangeKind.Claimed], (await calls.WaitForAsync(2)).Select(c => c.Kind));
        Assert.Equal(1, _logger.Errors);
        Assert.Equal(1, _notifier.SubscriberCount);
    }

    [Fact]
    public async Task After_disposal_a_subscription_receives_nothing_and_nothing_keeps_its_handler_alive()
    {
        var kept = Subscribe(_hospital);
        var (handlerOwner, receivedWhileSubscribed, receivedAfterDisposal) = SubscribeReceiveAndDispose();
        _notifier.Publish(Change(_hospital, AlertChangeKind.Raised));

        await kept.WaitForAsync(2);
        Assert.Equal((1, 1), (receivedWhileSubscribed, receivedAfterDisposal));
        Assert.Equal(1, _notifier.SubscriberCount);
        for (var attempt = 0; attempt < 20 && handlerOwner.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }

        Assert.False(handlerOwner.IsAlive, "The disposed subscription's handler is still referenced.");
    }

    [Fact]
    public async Task Publishing_from_several_threads_while_others_subscribe_and_leave_loses_nothing()
    {
        var watcher = Subscribe(_hospital);
        var churn = Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                using var passing = _notifier.Subscribe([_hospital], (_, _) => Task.CompletedTask);
            }
        });
        var publishers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                _notifier.Publish(Change(_hospital, AlertChangeKind.ActionRecorded));
            }
        }));

        await Task.WhenAll([churn, .. publishers]);

        Assert.Equal(200, (await watcher.WaitForAsync(200)).Distinct().Count());
        Assert.Equal(1, _notifier.SubscriberCount);
    }

    [Fact]
    public void Registration_gives_one_notifier_for_publishing_and_subscribing()
    {
        using var provider = new ServiceCollection().AddLogging().AddAlertNotifications().BuildServiceProvider();

        var notifier = provider.GetRequiredService<IAlertNotifier>();

        Assert.IsType<InProcessAlertNotifier>(notifier);
        Assert.Same(notifier, provider.GetRequiredService<IAlertChangeFeed>());
    }

    private static AlertChanged Change(Guid establishmentId, AlertChangeKind kind) => new(Guid.CreateVersion7(), establishmentId, kind);

    private Collector Subscribe(params Guid[] establishmentIds) => Subscribe(establishmentIds, _ => Task.CompletedTask);

    /// <param name="onChange">Called with the number of changes received so far, this one included.</param>
    private Collector Subscribe(Guid[] establishmentIds, Func<int, Task> onChange)
    {
        var collector = new Collector();
        _subscriptions.Add(_notifier.Subscribe(establishmentIds, (change, _) => onChange(collector.Add(change))));
        return collector;
    }

    /// <summary>
    /// Subscribes, receives one change, disposes (twice: disposal is idempotent) and publishes another; returns what
    /// was received, and a weak reference to the handler's state. Kept out of line so that no local of the test
    /// method holds the subscription or its handler.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (WeakReference Owner, int ReceivedWhileSubscribed, int ReceivedAfterDisposal) SubscribeReceiveAndDispose()
    {
        var owner = new Collector();
        var subscription = _notifier.Subscribe([_hospital], (change, _) =>
        {
            owner.Add(change);
            return Task.CompletedTask;
        });
        Assert.Equal(2, _notifier.SubscriberCount);
        _notifier.Publish(Change(_hospital, AlertChangeKind.Claimed));
        var whileSubscribed = owner.WaitForAsync(1).GetAwaiter().GetResult().Count;

        subscription.Dispose();
        subscription.Dispose();
        _notifier.Publish(Change(_hospital, AlertChangeKind.Released));
        Thread.Sleep(100);
        return (new WeakReference(owner), whileSubscribed, owner.Received.Count);
    }

    private sealed class Collector
    {
        private readonly List<AlertChanged> _received = [];

        public IReadOnlyList<AlertChanged> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        public int Add(AlertChanged change)
        {
            lock (_received)
            {
                _received.Add(change);
                return _received.Count;
            }
        }

        public async Task<IReadOnlyList<AlertChanged>> WaitForAsync(int count)
        {
            var clock = Stopwatch.StartNew();
            while (Received.Count < count && clock.Elapsed < Patience)
            {
                await Task.Delay(10);
            }

            return Received;
        }
    }

    private sealed class CountingLogger : ILogger<InProcessAlertNotifier>
    {
        private int _errors;

        public int Errors => _errors;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error && exception is InvalidOperationException)
            {
                Interlocked.Increment(ref _errors);
            }
        }
    }
}
