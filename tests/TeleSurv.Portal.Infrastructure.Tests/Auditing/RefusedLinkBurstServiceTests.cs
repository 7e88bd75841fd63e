using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Infrastructure.Auditing;

namespace TeleSurv.Portal.Infrastructure.Tests.Auditing;

/// <summary>
/// The summaries of refused-link bursts are written before the portal has stopped, whatever the order in which the
/// stop meets a write under way; one that cannot be written in the host's shutdown time is said in the log.
/// </summary>
public sealed class RefusedLinkBurstServiceTests : IDisposable
{
    private const string Address = "203.0.113.9";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HeldTrail _trail = new();
    private readonly CapturingLogger _log = new();
    private readonly ServiceProvider _services;

    public RefusedLinkBurstServiceTests() =>
        _services = new ServiceCollection().AddScoped<IAuditTrail>(_ => _trail).BuildServiceProvider();

    [Fact]
    public async Task Two_stops_at_once_are_both_over_only_once_the_summary_is_written()
    {
        using var service = Service(window: TimeSpan.FromMinutes(10), out var bursts);
        Guess(bursts, 3);
        await service.StartAsync(CancellationToken.None);

        // A test host is stopped by the test and by the portal's own RunAsync, which disposes the services once its stop is over.
        var first = service.StopAsync(CancellationToken.None);
        await _trail.Reached.Task.WaitAsync(Patience);
        var second = service.StopAsync(CancellationToken.None);

        Assert.NotSame(second, await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(200))));
        _trail.Release();
        await Task.WhenAll(first, second).WaitAsync(Patience);
        var summary = Assert.Single(_trail.Appended);
        Assert.Equal(RefusedLinkBursts.SummaryAction, summary.Action);
        Assert.StartsWith($"2 further patient links refused from {Address} ", summary.Detail, StringComparison.Ordinal);
        Assert.Empty(_log.Errors);
    }

    [Fact]
    public async Task A_periodic_write_under_way_when_the_stop_begins_is_finished_not_cancelled()
    {
        using var service = Service(window: TimeSpan.FromSeconds(1), out var bursts);
        Guess(bursts, 3);
        await service.StartAsync(CancellationToken.None);
        await _trail.Reached.Task.WaitAsync(Patience);

        var stop = service.StopAsync(CancellationToken.None);
        _trail.Release();
        await stop.WaitAsync(Patience);

        var summary = Assert.Single(_trail.Appended);
        Assert.StartsWith($"2 further patient links refused from {Address} ", summary.Detail, StringComparison.Ordinal);
        Assert.Empty(_log.Errors);
    }

    [Fact]
    public async Task A_summary_not_written_when_the_host_s_shutdown_time_is_up_is_said_in_the_log_with_its_counts()
    {
        using var service = Service(window: TimeSpan.FromMinutes(10), out var bursts);
        Guess(bursts, 3);
        await service.StartAsync(CancellationToken.None);
        using var shutdownTimeout = new CancellationTokenSource();

        var stop = service.StopAsync(shutdownTimeout.Token);
        await _trail.Reached.Task.WaitAsync(Patience);
        await shutdownTimeout.CancelAsync();
        await stop.WaitAsync(Patience);

        Assert.Empty(_trail.Appended);
        var (id, message) = Assert.Single(_log.Errors);
        Assert.Equal(7310, id);
        Assert.Contains($"2 further patient links refused from {Address} ", message, StringComparison.Ordinal);
    }

    public void Dispose() => _services.Dispose();

    private RefusedLinkBurstService Service(TimeSpan window, out RefusedLinkBursts bursts)
    {
        bursts = new RefusedLinkBursts(new RefusedLinkBurstOptions { Threshold = 1, Window = window }, TimeProvider.System);
        return new RefusedLinkBurstService(bursts, _services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, _log);
    }

    private static void Guess(RefusedLinkBursts bursts, int times)
    {
        for (var guess = 0; guess < times; guess++)
        {
            bursts.Admit(Address, "Unknown");
        }
    }

    /// <summary>An audit trail whose appends wait until the test releases them, as a slow database would.</summary>
    private sealed class HeldTrail : IAuditTrail
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<AuditRecord> Appended { get; } = new();

        public void Release() => _released.TrySetResult();

        public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
        {
            Reached.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
            Appended.Enqueue(record);
            return new AuditEntry { Actor = record.Actor, Action = record.Action, Outcome = record.Outcome, Detail = record.Detail };
        }

        public Task<AuditChainVerification> VerifyAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class CapturingLogger : ILogger<RefusedLinkBurstService>
    {
        public ConcurrentQueue<(int Id, string Message)> Errors { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                Errors.Enqueue((eventId.Id, formatter(state, exception)));
            }
        }
    }
}
