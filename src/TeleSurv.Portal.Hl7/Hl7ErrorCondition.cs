namespace TeleSurv.Portal.Hl7;

/// <summary>HL7 table 0357 "Message error condition codes", written in ERR-3.</summary>
public enum Hl7ErrorCondition
{
    /// <summary>0: Message accepted.</summary>
    MessageAccepted = 0,

    /// <summary>100: Segment sequence error.</summary>
    SegmentSequenceError = 100,

    /// <summary>101: Required field missing.</summary>
    RequiredFieldMissing = 101,

    /// <summary>102: Data type error.</summary>
    DataTypeError = 102,

    /// <summary>103: Table value not found.</summary>
    TableValueNotFound = 103,

    /// <summary>200: Unsupported message type.</summary>
    UnsupportedMessageType = 200,

    /// <summary>201: Unsupported event code.</summary>
    UnsupportedEventCode = 201,

    /// <summary>202: Unsupported processing id.</summary>
    UnsupportedProcessingId = 202,

    /// <summary>203: Unsupported version id.</summary>
    UnsupportedVersionId = 203,

    /// <summary>204: Unknown key identifier.</summary>
    UnknownKeyIdentifier = 204,

    /// <summary>205: Duplicate key identifier.</summary>
    DuplicateKeyIdentifier = 205,

    /// <summary>206: Application record locked.</summary>
    ApplicationRecordLocked = 206,

    /// <summary>207: Application internal error.</summary>
    ApplicationInternalError = 207,
}

/// <summary>The texts of table 0357 and the codes of table 0516, as written in ERR-3 and ERR-4.</summary>
public static class Hl7Tables
{
    /// <summary>The standard text of a table 0357 code (ERR-3.2).</summary>
    public static string Describe(Hl7ErrorCondition condition) => condition switch
    {
        Hl7ErrorCondition.MessageAccepted => "Message accepted",
        Hl7ErrorCondition.SegmentSequenceError => "Segment sequence error",
        Hl7ErrorCondition.RequiredFieldMissing => "Required field missing",
        Hl7ErrorCondition.DataTypeError => "Data type error",
        Hl7ErrorCondition.TableValueNotFound => "Table value not found",
        Hl7ErrorCondition.UnsupportedMessageType => "Unsupported message type",
        Hl7ErrorCondition.UnsupportedEventCode => "Unsupported event code",
        Hl7ErrorCondition.UnsupportedProcessingId => "Unsupported processing id",
        Hl7ErrorCondition.UnsupportedVersionId => "Unsupported version id",
        Hl7ErrorCondition.UnknownKeyIdentifier => "Unknown key identifier",
        Hl7ErrorCondition.DuplicateKeyIdentifier => "Duplicate key identifier",
        Hl7ErrorCondition.ApplicationRecordLocked => "Application record locked",
        Hl7ErrorCondition.ApplicationInternalError => "Application internal error",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Not a table 0357 code."),
    };

    /// <summary>The table 0516 code of a severity (ERR-4).</summary>
    public static string ToCode(Hl7Severity severity) => severity switch
    {
        Hl7Severity.Error => "E",
        Hl7Severity.Warning => "W",
        Hl7Severity.Information => "I",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Not a table 0516 severity."),
    };

    /// <summary>Reads a table 0516 code; unknown or empty codes read as <see cref="Hl7Severity.Error"/>, the safe side.</summary>
    public static Hl7Severity ParseSeverity(ReadOnlySpan<char> code) => code.Trim() switch
    {
        "W" or "w" => Hl7Severity.Warning,
        "I" or "i" => Hl7Severity.Information,
        _ => Hl7Severity.Error,
    };
}
