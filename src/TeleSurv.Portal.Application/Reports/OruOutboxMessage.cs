namespace TeleSurv.Portal.Application.Reports;

/// <summary>What an outbound ORU^R01 message says about its report.</summary>
public enum OruMessageKind
{
    /// <summary>The first version of a report (ORC-1 NW, OBX-11 F).</summary>
    Report = 0,

    /// <summary>A later version that replaces the previous one (ORC-1 RO, OBX-11 C).</summary>
    Correction = 1,

    /// <summary>The report is withdrawn (ORC-1 CA, OBX-11 D).</summary>
    Withdrawal = 2,

    /// <summary>A week's answers of an enrollment, with or without an alert (ORC-1 NW, OBX-11 F).</summary>
    WeeklySummary = 3,
}

public enum OruMessageState
{
    /// <summary>Waiting for its turn, or for the next attempt after a refusal or no answer.</summary>
    Pending = 0,

    /// <summary>Handed to the EAI, waiting for the acknowledgement. Found in this state at start: sent again.</summary>
    Sending = 1,

    /// <summary>Acknowledged with AA or CA.</summary>
    Delivered = 2,

    /// <summary>Refused with AE or CE: parked until an administrator requeues it.</summary>
    Failed = 3,
}

/// <summary>
/// One ORU^R01 message owed to the EAI, written in the same transaction as the report it carries and delivered by
/// the outbox sender. The message text is fixed when written, so every attempt sends the same MSH-10.
/// </summary>
public sealed class OruOutboxMessage
{
    public const int ControlIdLength = 20;
    public const int MaxAckTextLength = 1000;
    public const int MaxErrorLength = 2000;

    /// <summary>Position in the outbox, given by the database: messages of a patient are delivered in this order.</summary>
    public long Sequence { get; init; }

    /// <summary>MSH-10, unique: the receiver uses it to recognise a message sent again.</summary>
    public required string ControlId { get; init; }

    public OruMessageKind Kind { get; init; }

    public Guid PatientId { get; init; }

    public Guid EstablishmentId { get; init; }

    /// <summary>The alert whose report this is; null for a weekly summary.</summary>
    public Guid? AlertId { get; init; }

    /// <summary>The report version carried; null for a weekly summary.</summary>
    public Guid? ReportId { get; init; }

    public int? ReportVersion { get; init; }

    /// <summary>The enrollment of a weekly summary: with <see cref="Week"/>, unique, so a week is summarised once.</summary>
    public Guid? EnrollmentId { get; init; }

    /// <summary>The due date of the scheduled week a weekly summary covers.</summary>
    public DateOnly? Week { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>The message in ER7, segments ended by a carriage return.</summary>
    public required string Message { get; init; }

    /// <summary>MSH-18 of the message: the character set its bytes are written in.</summary>
    public required string CharacterSet { get; init; }

    public OruMessageState State { get; set; }

    /// <summary>Attempts made so far (a message sent again after a restart counts once more).</summary>
    public int Attempts { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    /// <summary>When the sender may try a pending message next.</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public DateTime? FailedAt { get; set; }

    /// <summary>MSA-1 of the last acknowledgement received.</summary>
    public string? AckCode { get; set; }

    /// <summary>What the last acknowledgement said (MSA-3, ERR), or why there was none.</summary>
    public string? AckText { get; set; }

    /// <summary>The last acknowledgement as received, in ER7.</summary>
    public string? Ack { get; set; }

    /// <summary>Why the last attempt did not deliver the message.</summary>
    public string? LastError { get; set; }

    public int Requeues { get; set; }

    public DateTime? RequeuedAt { get; set; }

    public string? RequeuedBy { get; set; }

    /// <summary>Concurrency token: the sender and an administrator never overwrite each other's change.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The sender takes the message: if the process dies now, the message is found sending and sent again.</summary>
    public void StartAttempt(DateTime now)
    {
        RequireState(OruMessageState.Pending, OruMessageState.Sending);
        State = OruMessageState.Sending;
        Attempts++;
        LastAttemptAt = now;
    }

    /// <summary>AA or CA: delivered.</summary>
    public void Delivered(DateTime now, string code, string? text, string? ack)
    {
        RequireState(OruMessageState.Sending);
        State = OruMessageState.Delivered;
        DeliveredAt = now;
        Record(code, text, ack);
        LastError = null;
    }

    /// <summary>AE or CE: the EAI says the message itself is wrong; parked until someone fixes the cause.</summary>
    public void Refused(DateTime now, string code, string? text, string? ack)
    {
        RequireState(OruMessageState.Sending);
        State = OruMessageState.Failed;
        FailedAt = now;
        Record(code, text, ack);
        LastError = Truncate($"{code}: {text}", MaxErrorLength);
    }

    /// <summary>AR, CR, no answer or no connection: tried again at <paramref name="nextAttemptAt"/>, with the same MSH-10.</summary>
    public void RetryLater(DateTime nextAttemptAt, string error, string? code = null, string? text = null, string? ack = null)
    {
        RequireState(OruMessageState.Sending);
        State = OruMessageState.Pending;
        NextAttemptAt = nextAttemptAt;
        if (code is not null)
        {
            Record(code, text, ack);
        }

        LastError = Truncate(error, MaxErrorLength);
    }

    /// <summary>Found sending when the sender starts: the previous process died before the answer; sent again first.</summary>
    public void Interrupted(DateTime now)
    {
        RequireState(OruMessageState.Sending);
        State = OruMessageState.Pending;
        NextAttemptAt = now;
        LastError = "Interrupted before the acknowledgement (the portal stopped); sent again.";
    }

    /// <summary>An administrator fixed the cause of a refusal: the message goes back to the queue, same MSH-10.</summary>
    public void Requeue(DateTime now, string by)
    {
        RequireState(OruMessageState.Failed);
        State = OruMessageState.Pending;
        NextAttemptAt = now;
        FailedAt = null;
        Requeues++;
        RequeuedAt = now;
        RequeuedBy = by;
    }

    private void Record(string code, string? text, string? ack)
    {
        AckCode = code;
        AckText = text is null ? null : Truncate(text, MaxAckTextLength);
        Ack = ack;
    }

    private void RequireState(params OruMessageState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new InvalidOperationException($"Message {ControlId} is {State}: this step needs {string.Join(" or ", allowed)}.");
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
