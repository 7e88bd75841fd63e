using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Telemetry;
using TeleSurv.Portal.Application.Reports;

namespace TeleSurv.Portal.Infrastructure.Oru;

/// <summary>
/// Delivers the outbox to the EAI, one message at a time, oldest first, never overtaking an earlier message of the
/// same patient that is not delivered yet (pending, or parked after a refusal).
/// <list type="bullet">
/// <item>AA or CA: delivered, the acknowledgement kept.</item>
/// <item>AE or CE: parked as failed with the reason, until an administrator requeues it.</item>
/// <item>AR, CR: tried again after a growing wait with jitter, without time limit; other patients' messages go on.</item>
/// <item>No connection or no answer: the EAI is away; the whole sender waits before trying again.</item>
/// </list>
/// A message is marked sending before it leaves: one found sending when the lease is taken was in flight when its
/// sender died, and is sent again (same MSH-10: the receiver can tell).
/// Every instance runs the sender; only the holder of <see cref="IOruSenderLease"/> sends, and checks it still holds
/// it before each message. The others ask for it every <see cref="OruOptions.PollInterval"/>.
/// </summary>
public sealed partial class OruOutboxSender(
    IPortalDbContextFactory dbContextFactory,
    IOruChannel channel,
    IOruSenderLease lease,
    TimeProvider timeProvider,
    IOptions<OruOptions> options,
    ILogger<OruOutboxSender> logger) : BackgroundService
{
    private static readonly TimeSpan BacklogReadInterval = TimeSpan.FromSeconds(5);

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await lease.TryAcquireAsync(stoppingToken))
                {
                    await SendWhileHeldAsync(stoppingToken);
                }

                await Task.Delay(options.Value.PollInterval, timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The portal is stopping; a message left sending is sent again by the next holder of the lease.
        }
        finally
        {
            await lease.ReleaseAsync();
        }
    }

    /// <summary>Sends until the lease is lost or the portal stops.</summary>
    private async Task SendWhileHeldAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        var backlogReadAt = DateTime.MinValue;
        try
        {
            while (await lease.IsHeldAsync(stoppingToken))
            {
                if (Now - backlogReadAt >= BacklogReadInterval)
                {
                    backlogReadAt = Now;
                    await ReadBacklogAsync(stoppingToken);
                }

                var step = await SendNextAsync(stoppingToken);
                var wait = step.Outcome switch
                {
                    OruSendOutcome.Unreachable => step.RetryAt!.Value - Now,
                    OruSendOutcome.NothingDue => options.Value.PollInterval,
                    _ => TimeSpan.Zero,
                };
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, stoppingToken);
                }
            }
        }
        finally
        {
            // Another instance sends now: the backlog is its to report.
            PortalTelemetry.RecordOruBacklog(null);
        }
    }

    /// <summary>Reads what waits in the outbox for <c>telesurv.oru.backlog</c> and <c>telesurv.oru.oldest.age</c>.</summary>
    public async Task ReadBacklogAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbContextFactory.CreateAsync(cancellationToken);
            var undelivered = await db.OruOutbox.CountAsync(
                m => m.State == OruMessageState.Pending || m.State == OruMessageState.Sending || m.State == OruMessageState.Failed, cancellationToken);
            var oldest = await db.OruOutbox
                .Where(m => m.State == OruMessageState.Pending || m.State == OruMessageState.Sending)
                .OrderBy(m => m.Sequence)
                .Select(m => (DateTime?)m.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            PortalTelemetry.RecordOruBacklog(new OruBacklog(undelivered, Now - oldest));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStepFailed(logger, exception);
        }
    }

    /// <summary>Puts back in the queue the messages a previous holder of the lease left sending.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await using var db = await dbContextFactory.CreateAsync(cancellationToken);
                var interrupted = await db.OruOutbox.Where(m => m.State == OruMessageState.Sending).ToListAsync(cancellationToken);
                foreach (var message in interrupted)
                {
                    message.Interrupted(Now);
                }

                await db.SaveChangesAsync(cancellationToken);
                if (interrupted.Count > 0)
                {
                    LogRecovered(logger, interrupted.Count);
                }

                return interrupted.Count;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogStepFailed(logger, exception);
                await Task.Delay(options.Value.PollInterval, timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>Sends the next message due, if any, and records the outcome. Never throws but for cancellation.</summary>
    public async Task<OruSendStep> SendNextAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbContextFactory.CreateAsync(cancellationToken);
            var now = Now;
            var message = await db.OruOutbox
                .Where(m => m.State == OruMessageState.Pending && m.NextAttemptAt <= now)
                .Where(m => !db.OruOutbox.Any(o => o.PatientId == m.PatientId && o.Sequence < m.Sequence && o.State != OruMessageState.Delivered))
                .OrderBy(m => m.Sequence)
                .FirstOrDefaultAsync(cancellationToken);
            if (message is null)
            {
                return new OruSendStep(OruSendOutcome.NothingDue, null, null);
            }

            message.StartAttempt(now);
            await db.SaveChangesAsync(cancellationToken);

            OruAcknowledgement ack;
            try
            {
                ack = await channel.SendAsync(new OruOutgoingMessage(message.ControlId, message.Message, message.CharacterSet), cancellationToken);
            }
            catch (OruChannelException exception)
            {
                var retryAt = Now + Backoff(message.Attempts);
                message.RetryLater(retryAt, exception.Message);
                await db.SaveChangesAsync(CancellationToken.None);
                LogUnreachable(logger, message.ControlId, message.Attempts, retryAt, exception.Message);
                return new OruSendStep(OruSendOutcome.Unreachable, message.ControlId, retryAt);
            }

            var outcome = Apply(message, ack);
            await db.SaveChangesAsync(CancellationToken.None);
            return new OruSendStep(outcome, message.ControlId, message.State == OruMessageState.Pending ? message.NextAttemptAt : null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The database is away, or lost a race: whatever was in flight stays sending and is recovered.
            LogStepFailed(logger, exception);
            return new OruSendStep(OruSendOutcome.Unreachable, null, Now + options.Value.PollInterval);
        }
    }

    private OruSendOutcome Apply(OruOutboxMessage message, OruAcknowledgement ack)
    {
        var now = Now;
        if (!string.Equals(ack.AcknowledgedControlId, message.ControlId, StringComparison.Ordinal))
        {
            var retryAt = now + Backoff(message.Attempts);
            message.RetryLater(
                retryAt, $"The acknowledgement names another message (MSA-2 '{ack.AcknowledgedControlId}'); sent again.", ack.Code, ack.Text, ack.Raw);
            LogRetry(logger, message.ControlId, ack.Code, message.Attempts, retryAt);
            return OruSendOutcome.Retry;
        }

        switch (ack.Code)
        {
            case "AA" or "CA":
                message.Delivered(now, ack.Code, ack.Text, ack.Raw);
                return OruSendOutcome.Delivered;
            case "AE" or "CE":
                message.Refused(now, ack.Code, ack.Text, ack.Raw);
                LogRefused(logger, message.ControlId, ack.Code, ack.Text);
                return OruSendOutcome.Failed;
            default:
                var retryAt = now + Backoff(message.Attempts);
                var reason = ack.Code is "AR" or "CR"
                    ? $"{ack.Code}: {ack.Text}"
                    : $"Unknown acknowledgement code '{ack.Code}': {ack.Text}";
                message.RetryLater(retryAt, reason, ack.Code, ack.Text, ack.Raw);
                LogRetry(logger, message.ControlId, ack.Code, message.Attempts, retryAt);
                return OruSendOutcome.Retry;
        }
    }

    private TimeSpan Backoff(int attempts) =>
        OruBackoff.Delay(attempts, options.Value.RetryInitial, options.Value.RetryMax, Random.Shared.NextDouble());

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} ORU message(s) were in flight when the portal stopped: sent again.")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ORU message {ControlId}: the EAI is unreachable (attempt {Attempts}); next try at {RetryAt:O}. {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string controlId, int attempts, DateTime retryAt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ORU message {ControlId}: {Code} (attempt {Attempts}); next try at {RetryAt:O}.")]
    private static partial void LogRetry(ILogger logger, string controlId, string code, int attempts, DateTime retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "ORU message {ControlId} refused with {Code}: {Text}. Parked until an administrator requeues it.")]
    private static partial void LogRefused(ILogger logger, string controlId, string code, string? text);

    [LoggerMessage(Level = LogLevel.Error, Message = "The ORU sender could not read or write the outbox; it tries again.")]
    private static partial void LogStepFailed(ILogger logger, Exception exception);
}

public enum OruSendOutcome
{
    NothingDue = 0,
    Delivered = 1,
    Failed = 2,
    Retry = 3,
    Unreachable = 4,
}

/// <param name="ControlId">The message tried, if any.</param>
/// <param name="RetryAt">When it is tried again, for a message left pending.</param>
public sealed record OruSendStep(OruSendOutcome Outcome, string? ControlId, DateTime? RetryAt);
