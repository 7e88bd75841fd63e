namespace TeleSurv.Portal.Hl7;

/// <summary>One problem met while parsing: a stable code, where it is, how serious, and a sentence for people.</summary>
public sealed record Hl7ParseError(Hl7ParseErrorCode Code, Hl7Severity Severity, Hl7Location Location, string Message)
{
    /// <summary>The table 0357 condition this problem is reported under in an ERR segment.</summary>
    public Hl7ErrorCondition Condition => Code switch
    {
        Hl7ParseErrorCode.MissingRequiredField => Hl7ErrorCondition.RequiredFieldMissing,
        Hl7ParseErrorCode.InvalidSegmentName => Hl7ErrorCondition.SegmentSequenceError,
        Hl7ParseErrorCode.EmptyMessage or Hl7ParseErrorCode.MissingHeader => Hl7ErrorCondition.SegmentSequenceError,
        Hl7ParseErrorCode.InvalidMessageType => Hl7ErrorCondition.UnsupportedMessageType,
        Hl7ParseErrorCode.InvalidProcessingId => Hl7ErrorCondition.UnsupportedProcessingId,
        Hl7ParseErrorCode.UnsupportedVersion => Hl7ErrorCondition.UnsupportedVersionId,
        Hl7ParseErrorCode.UnsupportedCharacterSet => Hl7ErrorCondition.TableValueNotFound,
        _ => Hl7ErrorCondition.DataTypeError,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Severity} {Code} at {Location}: {Message}";
}
