namespace TeleSurv.Portal.Hl7;

/// <summary>
/// One ERR segment of an acknowledgement: a table 0357 condition (ERR-3), a severity (ERR-4), a sentence for people
/// (ERR-8), where the problem is (ERR-2) and, optionally, the receiver's own error code (ERR-5).
/// </summary>
public sealed record Hl7AckError(
    Hl7ErrorCondition Condition,
    string Message,
    Hl7Severity Severity = Hl7Severity.Error,
    Hl7Location? Location = null,
    string? ApplicationErrorCode = null)
{
    /// <summary>The ERR segment that reports a parse problem.</summary>
    public static Hl7AckError From(Hl7ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Hl7AckError(error.Condition, error.Message, error.Severity, error.Location.IsKnown ? error.Location : null, error.Code.ToString());
    }
}
