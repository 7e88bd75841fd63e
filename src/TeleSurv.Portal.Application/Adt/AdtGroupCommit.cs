using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>
/// Group commit of inbound ADT. Every MLLP connection waits for the acknowledgement of its message before sending the
/// next, so throughput is bounded by how fast one message becomes durable. Here the messages of all connections go
/// to a few writers: while one commits, newly arrived messages wait, and the next transaction applies all of them
/// (<see cref="AdtIngestion.IngestBatchAsync(IReadOnlyList{AdtInboundMessage}, Action?, CancellationToken)"/>) and
/// commits once. Each caller gets its own result only after that shared commit, so the acknowledgement still follows
/// durability.
/// </summary>
/// <remarks>
/// Without concurrency nothing waits: a message that finds a writer idle is applied at once, alone. With one writer
/// the connections no longer race each other for the same new patient or movement; with several, such races are rare
/// and handled.
/// </remarks>
public sealed partial class AdtGroupCommit : IAsyncDisposable
{
    /// <summary>The most messages one transaction takes; more wait for the next.</summary>
    public const int MaxBatch = 64;

    /// <summary>
    /// Writers for a database that takes concurrent writers (PostgreSQL), each with its own transaction: while one
    /// waits for its commit to reach the disk, the others apply the messages that arrived meanwhile. Messages of one
    /// connection stay in order, since each waits for the acknowledgement of the one before; two writers meeting on
    /// the same new patient or movement are handled like any race on a unique key (the batch is ingested again
    /// message by message, with retries). SQLite has one writer at a time anyway: one writer there.
    /// </summary>
    public const int ConcurrentWriters = 3;

    /// <summary>
    /// How many writers may apply at once; the others wait for a turn, taken once a writer has applied its batch and
    /// only its commit is left. A writer that waits takes, at its turn, all that arrived meanwhile: fewer, larger
    /// batches, so less work per message, than if every writer took messages as soon as it was free.
    /// </summary>
    public const int ApplyingAtOnce = 2;

    private readonly IServiceScopeFactory _scopeFactory;
    private readonly ILogger<AdtGroupCommit> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _applying;
    private readonly Lazy<Task> _writer;

    /// <param name="writers">How many transactions may be open at once (see <see cref="ConcurrentWriters"/>).</param>
    public AdtGroupCommit(IServiceScopeFactory scopeFactory, ILogger<AdtGroupCommit> logger, int writers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        _scopeFactory = scopeFactory;
        _logger = logger;
        _applying = new SemaphoreSlim(Math.Min(writers, ApplyingAtOnce));
        _writer = new Lazy<Task>(
            () => Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync))),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Ingests <paramref name="message"/> with the others waiting now; completes once it is committed (or refused).</summary>
    public Task<AdtIngestionResult> IngestAsync(AdtInboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var pending = new Pending(message, new TaskCompletionSource<AdtIngestionResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AdtGroupCommit), "Inbound ADT is stopping.");
        }

        _ = _writer.Value;
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_writer.IsValueCreated)
        {
            await _writer.Value;
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Completion.TrySetCanceled(_stopping.Token);
        }

        _stopping.Dispose();
        _applying.Dispose();
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                await _applying.WaitAsync(_stopping.Token);
                var turn = new Turn(_applying);
                try
                {
                    batch.Clear();
                    while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                    {
                        batch.Add(pending);
                    }

                    if (batch.Count > 0)
                    {
                        await ApplyAsync(batch, turn.End);
                    }
                }
                finally
                {
                    turn.End();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: what is still queued is cancelled by DisposeAsync.
        }
    }

    private async Task ApplyAsync(List<Pending> batch, Action committing)
    {
        try
        {
            await using var scope = _scopeFactory.CreateAsyncScope();
            var ingestion = scope.ServiceProvider.GetRequiredService<AdtIngestion>();
            var results = await ingestion.IngestBatchAsync([.. batch.Select(p => p.Message)], committing, _stopping.Token);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            batch.ForEach(p => p.Completion.TrySetCanceled(_stopping.Token));
        }
        catch (Exception exception)
        {
            // The ingestion answers every failure it can foresee with AR; this is beyond that. No acknowledgement
            // is sent, so the senders resend.
            LogWriterFailed(_logger, exception, batch.Count);
            batch.ForEach(p => p.Completion.TrySetException(exception));
        }
    }

    /// <summary>A writer's turn to apply; it ends once, when its batch is committing or when it is done.</summary>
    private sealed class Turn(SemaphoreSlim applying)
    {
        private int _ended;

        public void End()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                applying.Release();
            }
        }
    }

    private sealed record Pending(AdtInboundMessage Message, TaskCompletionSource<AdtIngestionResult> Completion);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} ADT messages could not be ingested; their connections get no acknowledgement.")]
    private static partial void LogWriterFailed(ILogger logger, Exception exception, int count);
}
