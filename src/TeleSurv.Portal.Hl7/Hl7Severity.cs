namespace TeleSurv.Portal.Hl7;

/// <summary>How serious a problem is; written in ERR-4 with the codes of HL7 table 0516.</summary>
public enum Hl7Severity
{
    /// <summary><c>E</c>: the message, or part of it, cannot be used as sent.</summary>
    Error,

    /// <summary><c>W</c>: the message was read, with a tolerance the sender should know about.</summary>
    Warning,

    /// <summary><c>I</c>: information only.</summary>
    Information,
}
