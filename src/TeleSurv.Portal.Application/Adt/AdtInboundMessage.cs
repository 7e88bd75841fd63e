namespace TeleSurv.Portal.Application.Adt;

/// <summary>MSA-1 of an acknowledgement (original mode).</summary>
public enum AdtAckCode
{
    /// <summary>Application accept: applied (or deliberately ignored) and committed.</summary>
    AA = 0,

    /// <summary>Application error: the content cannot be applied; the sender must correct it before resending.</summary>
    AE = 1,

    /// <summary>Application reject: not applied for a reason unrelated to content; the sender may resend it later.</summary>
    AR = 2,
}

/// <summary>HL7 table 0516: the severity of an ERR segment.</summary>
public enum AdtIssueSeverity
{
    Error = 0,
    Warning = 1,
    Information = 2,
}

/// <summary>
/// A problem found in or while applying a message, as an ERR segment says it: a code of HL7 table 0357, the
/// location (e.g. <c>PID^1^3</c>, segment^sequence^field), a severity and a sentence.
/// </summary>
public sealed record AdtIssue(int Code, AdtIssueSeverity Severity, string Message, string? Location = null)
{
    public const int RequiredFieldMissing = 101;
    public const int DataTypeError = 102;
    public const int TableValueNotFound = 103;
    public const int UnsupportedMessageType = 200;
    public const int UnsupportedEventCode = 201;
    public const int UnsupportedProcessingId = 202;
    public const int UnsupportedVersionId = 203;
    public const int UnknownKeyIdentifier = 204;
    public const int DuplicateKeyIdentifier = 205;
    public const int ApplicationInternalError = 207;

    public static AdtIssue Error(int code, string message, string? location = null) => new(code, AdtIssueSeverity.Error, message, location);

    public static AdtIssue Warning(int code, string message, string? location = null) => new(code, AdtIssueSeverity.Warning, message, location);

    /// <summary>
    /// Set by the codec for a problem the standard answers with AR whatever its code (no header, MSH-9 missing), and
    /// for header values this receiver cannot key on.
    /// </summary>
    public bool Rejects { get; init; }

    /// <summary>HL7 original mode: an unacceptable MSH-9, MSH-11 or MSH-12 is refused with AR, not AE.</summary>
    public bool RefusesTheMessage => Severity == AdtIssueSeverity.Error
        && (Rejects || Code is UnsupportedMessageType or UnsupportedProcessingId or UnsupportedVersionId);
}

/// <summary>
/// A received message as the ingestion needs it: the key that recognises a duplicate, the raw text that is
/// journaled, and either the event it carries or the problems that kept it from being read.
/// </summary>
public sealed record AdtInboundMessage
{
    /// <summary>MSH-3 (empty when absent).</summary>
    public required string SendingApplication { get; init; }

    /// <summary>MSH-4 (empty when absent).</summary>
    public required string SendingFacility { get; init; }

    /// <summary>MSH-10; null when absent.</summary>
    public string? ControlId { get; init; }

    /// <summary>MSH-12.1, the HL7 version (empty when absent).</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>MSH-9.1.</summary>
    public required string MessageType { get; init; }

    /// <summary>MSH-9.2.</summary>
    public required string TriggerEvent { get; init; }

    /// <summary>The message as received, segments ended by CR.</summary>
    public required string Raw { get; init; }

    /// <summary>The event, when the message could be read as one.</summary>
    public AdtEvent? Event { get; init; }

    /// <summary>Problems met reading it: any error means the message is not applied (AE, or AR for MSH-9/11/12).</summary>
    public IReadOnlyList<AdtIssue> Issues { get; init; } = [];

    /// <summary>The codec's own parsed form of <see cref="Raw"/>, kept so that acknowledging does not parse it again.</summary>
    public object? Parsed { get; init; }
}

/// <summary>
/// The seam where the HL7 v2 codec plugs in: reads a raw message into an <see cref="AdtInboundMessage"/> and writes
/// the acknowledgement the ingestion decided on (MSH built anew, MSA-2 = MSH-10, ERR per issue).
/// </summary>
public interface IAdtMessageCodec
{
    AdtInboundMessage Read(string raw);

    string Acknowledge(AdtInboundMessage message, AdtAckCode code, IReadOnlyList<AdtIssue> issues);

    /// <summary>
    /// True when two raw messages carry the same content: a sender resending a message may stamp a new MSH-7, so
    /// the send time is not compared.
    /// </summary>
    bool SameContent(string first, string second);
}
