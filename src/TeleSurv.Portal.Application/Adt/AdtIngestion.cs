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

    // The widths of the journal's key columns (see AdtMessageJournal's configuration).
    private const int MaxSenderLength = 100;
    private const int MaxControlIdLength = 64;

    /// <summary>Reads the raw message with the codec, then ingests it.</summary>
    public Task<AdtIngestionResult> IngestAsync(string raw, CancellationToken cancellationToken = default) =>
        IngestAsync(codec.Read(raw), cancellationToken);

    public async Task<AdtIngestionResult> IngestAsync(AdtInboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await RunAsync(message, reprocess: null, committing: null, cancellationToken);
    }

    /// <summary>
    /// Applies again a message of the error queue (after the cause was fixed): on success its journal row becomes
    /// applied and keeps the new acknowledgement, which a later duplicate gets.
    /// </summary>
    internal async Task<AdtIngestionResult> ReprocessAsync(AdtMessageJournal row, string handledBy, CancellationToken cancellationToken)
    {
        var message = codec.Read(row.Raw);
        return await RunAsync(message, new Reprocess(row.Id, handledBy), committing: null, cancellationToken);
    }

    private async Task<AdtIngestionResult> RunAsync(AdtInboundMessage message, Reprocess? reprocess, Action? committing, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ProcessAsync(message, reprocess, committing, cancellationToken);
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

    private async Task<AdtIngestionResult> ProcessAsync(AdtInboundMessage message, Reprocess? reprocess, Action? committing, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);

        // The transaction is the unit: SaveChanges need not add savepoints of its own.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var step = await ApplyAsync(db, new AdtLookup(db, establishments), message, reprocess, now, save: true, cancellationToken);
        if (step.Rejection is { } rejection)
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var rejectDb = await dbContextFactory.CreateAsync(cancellationToken);
            await RejectAsync(rejectDb, rejection, reprocess, now, options.Value, cancellationToken);
            return step.Result;
        }

        if (step.Duplicate)
        {
            return step.Result;
        }

        committing?.Invoke();
        await transaction.CommitAsync(cancellationToken);
        await AfterCommitAsync(step, message);
        return step.Result;
    }

    /// <inheritdoc cref="IngestBatchAsync(IReadOnlyList{AdtInboundMessage}, Action?, CancellationToken)"/>
    public Task<IReadOnlyList<AdtIngestionResult>> IngestBatchAsync(IReadOnlyList<AdtInboundMessage> messages, CancellationToken cancellationToken = default) =>
        IngestBatchAsync(messages, committing: null, cancellationToken);

    /// <summary>
    /// Applies messages received together from several connections in one transaction, committed once: one commit,
    /// hence one flush to disk, for all of them. Results come in the order of <paramref name="messages"/>, and only
    /// once the shared commit succeeded. When the shared transaction fails (a race lost to another writer, the
    /// database gone), nothing of it was committed: each message is then ingested on its own, with the retries and
    /// the AR of <see cref="IngestAsync(AdtInboundMessage, CancellationToken)"/>.
    /// </summary>
    /// <remarks>
    /// The usual batch is applied in one unit of work: what the messages read comes in three queries, each message
    /// sees the effects of those before it, and all is saved by one statement batch (<see cref="ApplyTogetherAsync"/>).
    /// When one of them is refused, or one is a merge, the batch is applied message by message instead, each in a
    /// savepoint of its own (<see cref="ApplyWithSavepointsAsync"/>): the same answers, more round trips.
    /// </remarks>
    /// <param name="committing">
    /// Called once everything is applied and only the commit is left (the wait for the disk): the caller may then
    /// start applying the next messages on another connection.
    /// </param>
    public async Task<IReadOnlyList<AdtIngestionResult>> IngestBatchAsync(
        IReadOnlyList<AdtInboundMessage> messages, Action? committing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count <= 1)
        {
            return messages.Count == 0 ? [] : [await RunAsync(messages[0], reprocess: null, committing, cancellationToken)];
        }

        IReadOnlyList<Step> steps;
        try
        {
            steps = await ProcessBatchAsync(messages, committing, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogBatchFailed(logger, exception, messages.Count);
            var results = new AdtIngestionResult[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                results[i] = await IngestAsync(messages[i], cancellationToken);
            }

            return results;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            await AfterCommitAsync(steps[i], messages[i]);
        }

        return [.. steps.Select(s => s.Result)];
    }

    private async Task<IReadOnlyList<Step>> ProcessBatchAsync(IReadOnlyList<AdtInboundMessage> messages, Action? committing, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (messages.All(m => m.Event is { } adt && !AdtEventApplier.ChangesRowsDirectly(adt, options.Value.PamFrance))
            && await ApplyTogetherAsync(messages, now, committing, cancellationToken) is { } steps)
        {
            return steps;
        }

        return await ApplyWithSavepointsAsync(messages, now, committing, cancellationToken);
    }

    /// <summary>
    /// The messages in one unit of work, saved by one SaveChanges. Null when one of them is refused: its effects are
    /// then mixed with the others' in the unit of work, and nothing has been saved.
    /// </summary>
    private async Task<IReadOnlyList<Step>?> ApplyTogetherAsync(IReadOnlyList<AdtInboundMessage> messages, DateTime now, Action? committing, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);

        // One transaction holds one connection for the reads and the save, and needs no savepoint.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lookup = new AdtLookup(db, establishments);
        await lookup.PrefetchAsync(messages, cancellationToken);
        var steps = new List<Step>(messages.Count);
        foreach (var message in messages)
        {
            var step = await ApplyAsync(db, lookup, message, reprocess: null, now, save: false, cancellationToken);
            if (step.Rejection is not null)
            {
                LogAppliedOneByOne(logger, messages.Count, message.ControlId);
                return null;
            }

            steps.Add(step);
        }

        await db.SaveChangesAsync(cancellationToken);
        committing?.Invoke();
        await transaction.CommitAsync(cancellationToken);
        return steps;
    }

    /// <summary>
    /// The messages in one transaction, each in its own savepoint: a message whose content is refused rolls back its
    /// own effects only and is journaled as rejected in the same transaction; a merge is saved before the next message.
    /// </summary>
    private async Task<IReadOnlyList<Step>> ApplyWithSavepointsAsync(IReadOnlyList<AdtInboundMessage> messages, DateTime now, Action? committing, CancellationToken cancellationToken)
    {
        const string savepoint = "adt_message";
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var lookup = new AdtLookup(db, establishments);

        // The savepoints are ours, one per message: SaveChanges need not add its own.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        var steps = new List<Step>(messages.Count);
        foreach (var message in messages)
        {
            if (steps.Count > 0)
            {
                // The previous message is kept; the next one gets a savepoint of its own.
                await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
                await transaction.CreateSavepointAsync(savepoint, cancellationToken);
            }

            var step = await ApplyAsync(db, lookup, message, reprocess: null, now, save: true, cancellationToken);
            if (step.Rejection is { } rejection)
            {
                await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
                db.ChangeTracker.Clear();
                await RejectAsync(db, rejection, reprocess: null, now, options.Value, cancellationToken);
            }

            // What earlier messages saved is in the database (this transaction): later ones read it from there.
            db.ChangeTracker.Clear();
            lookup.Forget();
            steps.Add(step);
        }

        committing?.Invoke();
        await transaction.CommitAsync(cancellationToken);
        return steps;
    }

    /// <summary>
    /// One message inside the caller's unit of work: the duplicate check, the event applied and its journal row added,
    /// and saved when <paramref name="save"/> says so. A content problem is returned as a rejection for the caller to
    /// roll back and journal.
    /// </summary>
    private async Task<Step> ApplyAsync(
        IPortalDbContext db, AdtLookup lookup, AdtInboundMessage message, Reprocess? reprocess, DateTime now, bool save, CancellationToken cancellationToken)
    {
        var journal = reprocess is not null || message.ControlId is null
            ? await FindJournalAsync(db, message, reprocess, cancellationToken)
            : await lookup.JournalAsync(message.SendingApplication, message.SendingFacility, message.ControlId, cancellationToken);
        if (reprocess is null && journal is { Status: not AdtMessageStatus.Failed })
        {
            if (codec.SameContent(journal.Raw, message.Raw))
            {
                return new Step(new AdtIngestionResult(journal.Ack, Enum.Parse<AdtAckCode>(journal.AckCode), journal.Status, Duplicate: true, journal.Id), [], Duplicate: true);
            }

            // The same key for other content: answering the stored AA would drop this content without a word.
            LogControlIdReused(logger, message.ControlId, message.SendingApplication, message.SendingFacility, journal.Id);
            var issue = AdtIssue.Error(AdtIssue.DuplicateKeyIdentifier,
                $"MSH-10 \"{message.ControlId}\" was already used by {message.SendingApplication}/{message.SendingFacility} for a message with other content " +
                $"(received {journal.ReceivedAt:yyyy-MM-dd HH:mm:ss} UTC); this one was not applied: send it with a control id of its own.",
                "MSH^1^10");
            var conflict = NewJournal(message, now, keyed: false);
            var refused = new Rejection(conflict, IsNew: true, issue, AdtAckCode.AE, codec.Acknowledge(message, AdtAckCode.AE, [issue]));
            return new Step(new AdtIngestionResult(refused.Ack, AdtAckCode.AE, refused.Status, Duplicate: false, conflict.Id), [], Duplicate: false, refused);
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
            CheckReadable(message, options.Value);
            applier = new AdtEventApplier(db, lookup, establishments, journal, message, now, options.Value.PamFrance);
            applied = await applier.ApplyAsync(message.Event!, cancellationToken);
        }
        catch (AdtContentException content)
        {
            if (applier?.CreatedPatient == true)
            {
                journal.PatientId = null;
            }

            var code = content.Issue.RefusesTheMessage ? AdtAckCode.AR : AdtAckCode.AE;
            var rejection = new Rejection(journal, isNew, content.Issue, code, codec.Acknowledge(message, code, [content.Issue]));
            return new Step(new AdtIngestionResult(rejection.Ack, code, rejection.Status, Duplicate: false, journal.Id), [], Duplicate: false, rejection);
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
            lookup.Added(journal);
        }

        if (save)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return new Step(new AdtIngestionResult(journal.Ack, AdtAckCode.AA, journal.Status, Duplicate: false, journal.Id), applied.Audit, Duplicate: false)
        {
            Ignored = applied.Status == AdtMessageStatus.Ignored,
        };
    }

    private async Task AfterCommitAsync(Step step, AdtInboundMessage message)
    {
        foreach (var record in step.Audit)
        {
            // Committed: the trace is written even if the connection has gone meanwhile.
            await auditTrail.AppendAsync(record, CancellationToken.None);
        }

        if (step.Ignored)
        {
            LogIgnored(logger, message.MessageType, message.TriggerEvent, message.ControlId);
        }
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

    private static void CheckReadable(AdtInboundMessage message, AdtOptions options)
    {
        if (message.Issues.FirstOrDefault(i => i.Severity == AdtIssueSeverity.Error) is { } issue)
        {
            throw new AdtContentException(issue);
        }

        if (options.PamFrance && !options.AcceptVersionsBefore25 && IsBefore25(message.Version))
        {
            throw new AdtContentException(AdtIssue.Error(AdtIssue.UnsupportedVersionId,
                $"MSH-12 \"{message.Version}\": this PAM France feed receives HL7 v2.5 (2.5^FRA^2.11) and later.", "MSH^1^12"));
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

    /// <summary>Journals a message that cannot be applied as it is, without its effects (rolled back), with AE (AR for MSH-9/11/12).</summary>
    private static async Task RejectAsync(IPortalDbContext db, Rejection rejection, Reprocess? reprocess, DateTime now, AdtOptions options, CancellationToken cancellationToken)
    {
        var (journal, isNew, issue, code, ack) = rejection;
        var row = isNew ? journal : await db.AdtMessages.FirstAsync(j => j.Id == journal.Id, cancellationToken);
        if (isNew && row.Raw.Length > AdtOptions.CutRawLength)
        {
            var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
            var refusedThisHour = await db.AdtMessages.CountAsync(
                m => (m.Status == AdtMessageStatus.Rejected || m.Status == AdtMessageStatus.Failed) && m.ReceivedAt >= hour
                    && m.SendingApplication == row.SendingApplication && m.SendingFacility == row.SendingFacility,
                cancellationToken);
            if (refusedThisHour >= options.ErrorQueueKeptPerSenderPerHour)
            {
                var length = row.Raw.Length;
                row.Raw = row.Raw[..AdtOptions.CutRawLength];
                row.Summary = $"Raw text cut to its first {AdtOptions.CutRawLength} of {length} characters: {refusedThisHour} refused messages of this sender already kept this hour.";
            }
        }

        if (!isNew)
        {
            row.Attempts = journal.Attempts;
            row.Ipp = journal.Ipp;
            row.EstablishmentId = journal.EstablishmentId;
        }

        row.Status = rejection.Status;
        row.AckCode = code.ToString();
        row.Ack = ack;
        row.Error = Shorten(issue.Message, 2000);
        row.ErrorCode = issue.Code;
        row.Summary = isNew ? row.Summary : null;
        row.ProcessedAt = now;
        row.HandledBy = reprocess?.HandledBy ?? row.HandledBy;
        if (isNew)
        {
            db.AdtMessages.Add(row);
        }

        await db.SaveChangesAsync(cancellationToken);
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

    /// <summary>
    /// Versions 2.0 to 2.4 (2.3.1 included); a version the parser could not read is refused by the parser itself.
    /// </summary>
    private static bool IsBefore25(string version) =>
        version.Length >= 3 && version.StartsWith("2.", StringComparison.Ordinal) && version[2] is >= '0' and <= '4'
        && (version.Length == 3 || !char.IsAsciiDigit(version[3]));

    /// <summary>
    /// A journal row for a message. A row is keyed (found again by MSH-3, MSH-4, MSH-10) unless the message reuses
    /// another's key or its key is too long to be kept whole: such a row is in the error queue under no key.
    /// </summary>
    private static AdtMessageJournal NewJournal(AdtInboundMessage message, DateTime now, bool keyed = true) => new()
    {
        SendingApplication = Shorten(message.SendingApplication, MaxSenderLength),
        SendingFacility = Shorten(message.SendingFacility, MaxSenderLength),
        ControlId = !keyed || message.ControlId is null || message.ControlId.Length > MaxControlIdLength
            || message.SendingApplication.Length > MaxSenderLength || message.SendingFacility.Length > MaxSenderLength
            ? null
            : message.ControlId,
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

    /// <summary>A message whose content cannot be applied: its journal row as it stood, and why.</summary>
    private sealed record Rejection(AdtMessageJournal Journal, bool IsNew, AdtIssue Issue, AdtAckCode Code, string Ack)
    {
        public AdtMessageStatus Status => Code == AdtAckCode.AR ? AdtMessageStatus.Failed : AdtMessageStatus.Rejected;
    }

    /// <summary>What one message came to inside a transaction, and what is left to do once it is committed.</summary>
    private sealed record Step(AdtIngestionResult Result, IReadOnlyList<AuditRecord> Audit, bool Duplicate, Rejection? Rejection = null)
    {
        public bool Ignored { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "ADT control id {ControlId} of {SendingApplication}/{SendingFacility} was reused for other content than journal entry {JournalId}; answered AE, not applied.")]
    private static partial void LogControlIdReused(ILogger logger, string? controlId, string sendingApplication, string sendingFacility, Guid journalId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ADT {MessageType}^{TriggerEvent} {ControlId} was not applied (answered AR); the sender is expected to resend it.")]
    private static partial void LogNotApplied(ILogger logger, Exception exception, string messageType, string triggerEvent, string? controlId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} ADT messages received together could not be committed together; each is now applied on its own.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} ADT messages received together are applied one by one: {ControlId} is refused.")]
    private static partial void LogAppliedOneByOne(ILogger logger, int count, string? controlId);

    [LoggerMessage(Level = LogLevel.Error, Message = "ADT message {ControlId} could not even be journaled as failed; it is only in the sender's queue.")]
    private static partial void LogNotJournaled(ILogger logger, Exception exception, string? controlId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ADT {MessageType}^{TriggerEvent} {ControlId} acknowledged and ignored: not an event the portal applies.")]
    private static partial void LogIgnored(ILogger logger, string messageType, string triggerEvent, string? controlId);
}
