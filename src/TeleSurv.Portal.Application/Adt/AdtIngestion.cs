using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Adt;

namespace TeleSurv.Portal.Application.Adt;

/// <summary>What the sender gets back for one message, and what became of it.</summary>
/// <param name="Ack">The acknowledgement to write back (ER7), already committed with the message when it is AA or AE.</param>
/// <param name="Status">The journal status; null when nothing could be journaled (database unreachable).</param>
/// <param name="Duplicate">The message had been received before: <paramref name="Ack"/> is the stored one and nothing was applied.</param>
public sealed record AdtIngestionResult(string Ack, AdtAckCode Code, AdtMessageStatus? Status, bool Duplicate, Guid? JournalId);

/// <summary>
/// Durable, idempotent ingestion of inbound ADT. Each message is applied and journaled in one transaction, and the
/// acknowledgement is returned only once that transaction committed:
/// <list type="bullet">
/// <item>a duplicate (same MSH-3, MSH-4, MSH-10) gets the stored acknowledgement again and is not applied twice;</item>
/// <item>a message whose content cannot be applied is rolled back, journaled as rejected (error queue) and answered AE;</item>
/// <item>a failure unrelated to content (database unreachable, internal error) is answered AR, so that the sender
/// resends it; the message is journaled as failed when the database lets us, and a resend processes it again.</item>
/// </list>
/// </summary>
/// <remarks>
/// Safe to call from many connections at once: two copies of a message racing each other meet on the journal's unique
/// key, and the loser retries and finds the winner's acknowledgement. Merges are audited once committed.
/// </remarks>
public sealed partial class AdtIngestion(
    IPortalDbContextFactory dbContextFactory,
    IAdtMessageCodec codec,
    IAuditTrail auditTrail,
    AdtEstablishmentDirectory establishments,
    TimeProvider timeProvider,
    IOptions<AdtOptions> options,
    ILogger<AdtIngestion> logger)
{
    private const int MaxAttempts = 4;

    /// <summary>Reads the raw message with the codec, then ingests it.</summary>
    public Task<AdtIngestionResult> IngestAsync(string raw, CancellationToken cancellationToken = default) =>
        IngestAsync(codec.Read(raw), cancellationToken);

    public async Task<AdtIngestionResult> IngestAsync(AdtInboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await RunAsync(message, reprocess: null, cancellationToken);
    }

    /// <summary>
    /// Applies again a message of the error queue (after the cause was fixed): on success its journal row becomes
    /// applied and keeps the new acknowledgement, which a later duplicate gets.
    /// </summary>
    internal async Task<AdtIngestionResult> ReprocessAsync(AdtMessageJournal row, string handledBy, CancellationToken cancellationToken)
    {
        var message = codec.Read(row.Raw);
        return await RunAsync(message, new Reprocess(row.Id, handledBy), cancellationToken);
    }

    private async Task<AdtIngestionResult> RunAsync(AdtInboundMessage message, Reprocess? reprocess, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ProcessAsync(message, reprocess, cancellationToken);
            }
            catch (Exception exception) when (attempt < MaxAttempts && IsWorthRetrying(exception) && !cancellationToken.IsCancellationRequested)
            {
                // A race lost to another connection (same message, same new patient or movement) or a transient
                // database error: the next attempt sees what the winner committed.
                await Task.Delay(TimeSpan.FromMilliseconds(5 * attempt), timeProvider, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogNotApplied(logger, exception, message.MessageType, message.TriggerEvent, message.ControlId);
                return await FailAsync(message, reprocess, cancellationToken);
            }
        }
    }

    private async Task<AdtIngestionResult> ProcessAsync(AdtInboundMessage message, Reprocess? reprocess, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var journal = await FindJournalAsync(db, message, reprocess, cancellationToken);
        if (reprocess is null && journal is { Status: not AdtMessageStatus.Failed })
        {
            return new AdtIngestionResult(journal.Ack, Enum.Parse<AdtAckCode>(journal.AckCode), journal.Status, Duplicate: true, journal.Id);
        }

        var isNew = journal is null;
        journal ??= NewJournal(message, now);
        if (!isNew)
        {
            journal.Attempts++;
        }

        AdtApplied applied;
        AdtEventApplier? applier = null;
        try
        {
            CheckReadable(message);
            applier = new AdtEventApplier(db, establishments, journal, message, now, options.Value.PamFrance);
            applied = await applier.ApplyAsync(message.Event!, cancellationToken);
        }
        catch (AdtContentException content)
        {
            await transaction.RollbackAsync(cancellationToken);
            if (applier?.CreatedPatient == true)
            {
                journal.PatientId = null;
            }

            return await RejectAsync(message, journal, isNew, content.Issue, reprocess, now, cancellationToken);
        }

        journal.Status = applied.Status;
        journal.Summary = Shorten(applied.Summary, 1000);
        journal.Error = null;
        journal.ErrorCode = null;
        journal.ProcessedAt = now;
        journal.HandledBy = reprocess?.HandledBy ?? journal.HandledBy;
        journal.AckCode = nameof(AdtAckCode.AA);
        journal.Ack = codec.Acknowledge(message, AdtAckCode.AA, applied.Warnings);
        if (isNew)
        {
            db.AdtMessages.Add(journal);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var record in applied.Audit)
        {
            // Committed: the trace is written even if the connection has gone meanwhile.
            await auditTrail.AppendAsync(record, CancellationToken.None);
        }

        if (applied.Status == AdtMessageStatus.Ignored)
        {
            LogIgnored(logger, message.MessageType, message.TriggerEvent, message.ControlId);
        }

        return new AdtIngestionResult(journal.Ack, AdtAckCode.AA, journal.Status, Duplicate: false, journal.Id);
    }

    private static async Task<AdtMessageJournal?> FindJournalAsync(IPortalDbContext db, AdtInboundMessage message, Reprocess? reprocess, CancellationToken cancellationToken)
    {
        if (reprocess is not null)
        {
            return await db.AdtMessages.FirstOrDefaultAsync(j => j.Id == reprocess.JournalId, cancellationToken);
        }

        if (message.ControlId is null)
        {
            return null;
        }

        return await db.AdtMessages.FirstOrDefaultAsync(
            j => j.SendingApplication == message.SendingApplication && j.SendingFacility == message.SendingFacility && j.ControlId == message.ControlId,
            cancellationToken);
    }

    private static void CheckReadable(AdtInboundMessage message)
    {
        if (message.Issues.FirstOrDefault(i => i.Severity == AdtIssueSeverity.Error) is { } issue)
        {
            throw new AdtContentException(issue);
        }

        if (!string.Equals(message.MessageType, "ADT", StringComparison.Ordinal))
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.UnsupportedMessageType,
                $"The portal receives ADT messages only, not {(message.MessageType.Length == 0 ? "a message without MSH-9" : message.MessageType)}.", "MSH^1^9"));
        }

        if (message.Event is null)
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.RequiredFieldMissing, "The message has no PID segment.", "PID"));
        }
    }

    /// <summary>Journals a message that cannot be applied as it is, on its own (its effects were rolled back), with AE (AR for MSH-9/11/12).</summary>
    private async Task<AdtIngestionResult> RejectAsync(
        AdtInboundMessage message, AdtMessageJournal journal, bool isNew, AdtIssue issue, Reprocess? reprocess, DateTime now, CancellationToken cancellationToken)
    {
        var code = issue.RefusesTheMessage ? AdtAckCode.AR : AdtAckCode.AE;
        var ack = codec.Acknowledge(message, code, [issue]);
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var row = isNew ? journal : await db.AdtMessages.FirstAsync(j => j.Id == journal.Id, cancellationToken);
        if (!isNew)
        {
            row.Attempts = journal.Attempts;
            row.Ipp = journal.Ipp;
            row.EstablishmentId = journal.EstablishmentId;
        }

        row.Status = code == AdtAckCode.AR ? AdtMessageStatus.Failed : AdtMessageStatus.Rejected;
        row.AckCode = code.ToString();
        row.Ack = ack;
        row.Error = Shorten(issue.Message, 2000);
        row.ErrorCode = issue.Code;
        row.Summary = null;
        row.ProcessedAt = now;
        row.HandledBy = reprocess?.HandledBy ?? row.HandledBy;
        if (isNew)
        {
            db.AdtMessages.Add(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new AdtIngestionResult(ack, code, row.Status, Duplicate: false, row.Id);
    }

    /// <summary>AR: nothing was applied; the message goes to the error queue if the database takes it, and the sender resends it.</summary>
    private async Task<AdtIngestionResult> FailAsync(AdtInboundMessage message, Reprocess? reprocess, CancellationToken cancellationToken)
    {
        var issue = AdtIssue.Error(AdtIssue.ApplicationInternalError,
            "The message could not be applied now (database unavailable or internal error); nothing was applied: send it again later.");
        var ack = codec.Acknowledge(message, AdtAckCode.AR, [issue]);
        try
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            await using var db = await dbContextFactory.CreateAsync(cancellationToken);
            var row = await FindJournalAsync(db, message, reprocess, cancellationToken);
            if (row is { Status: not AdtMessageStatus.Failed } && reprocess is null)
            {
                // Another copy was applied meanwhile: that is the answer.
                return new AdtIngestionResult(row.Ack, Enum.Parse<AdtAckCode>(row.AckCode), row.Status, Duplicate: true, row.Id);
            }

            if (row is null)
            {
                row = NewJournal(message, now);
                db.AdtMessages.Add(row);
            }
            else
            {
                row.Attempts++;
            }

            row.Status = reprocess is null ? AdtMessageStatus.Failed : row.Status;
            row.AckCode = nameof(AdtAckCode.AR);
            row.Ack = ack;
            row.Error = issue.Message;
            row.ErrorCode = issue.Code;
            row.ProcessedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return new AdtIngestionResult(ack, AdtAckCode.AR, row.Status, Duplicate: false, row.Id);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotJournaled(logger, exception, message.ControlId);
            return new AdtIngestionResult(ack, AdtAckCode.AR, null, Duplicate: false, null);
        }
    }

    private static AdtMessageJournal NewJournal(AdtInboundMessage message, DateTime now) => new()
    {
        SendingApplication = Shorten(message.SendingApplication, 100),
        SendingFacility = Shorten(message.SendingFacility, 100),
        ControlId = message.ControlId is null ? null : Shorten(message.ControlId, 64),
        MessageType = Shorten(message.MessageType, 16),
        TriggerEvent = Shorten(message.TriggerEvent, 16),
        ReceivedAt = now,
        ProcessedAt = now,
        Raw = message.Raw,
        AckCode = nameof(AdtAckCode.AR),
        Ack = string.Empty,
        Status = AdtMessageStatus.Failed,
    };

    private static string Shorten(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength];

    /// <summary>Unique-key races and transient database errors; never a content problem, which is decided before saving.</summary>
    private static bool IsWorthRetrying(Exception exception) =>
        exception is DbUpdateException || exception.GetBaseException() is DbException || exception is TimeoutException;

    private sealed record Reprocess(Guid JournalId, string HandledBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ADT {MessageType}^{TriggerEvent} {ControlId} was not applied (answered AR); the sender is expected to resend it.")]
    private static partial void LogNotApplied(ILogger logger, Exception exception, string messageType, string triggerEvent, string? controlId);

    [LoggerMessage(Level = LogLevel.Error, Message = "ADT message {ControlId} could not even be journaled as failed; it is only in the sender's queue.")]
    private static partial void LogNotJournaled(ILogger logger, Exception exception, string? controlId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ADT {MessageType}^{TriggerEvent} {ControlId} acknowledged and ignored: not an event the portal applies.")]
    private static partial void LogIgnored(ILogger logger, string messageType, string triggerEvent, string? controlId);
}
