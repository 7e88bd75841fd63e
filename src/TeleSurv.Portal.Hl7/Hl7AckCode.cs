namespace TeleSurv.Portal.Hl7;

/// <summary>MSA-1, HL7 table 0008.</summary>
public enum Hl7AckCode
{
    /// <summary>Original mode: application accept.</summary>
    AA,

    /// <summary>Original mode: application error (the content must be fixed before it is sent again).</summary>
    AE,

    /// <summary>Original mode: application reject (a failure unrelated to content; may be sent again later).</summary>
    AR,

    /// <summary>Enhanced mode: commit accept.</summary>
    CA,

    /// <summary>Enhanced mode: commit error.</summary>
    CE,

    /// <summary>Enhanced mode: commit reject.</summary>
    CR,
}

/// <summary>What the receiver decided, written as AA/AE/AR or CA/CE/CR depending on the acknowledgment mode.</summary>
public enum Hl7AckOutcome
{
    /// <summary>Stored (and, in original mode, processed): AA or CA.</summary>
    Accepted,

    /// <summary>Refused because of its content: AE or CE. The sender should fix it before sending it again.</summary>
    Error,

    /// <summary>Refused for a reason unrelated to its content (or its header names what we do not handle): AR or CR.</summary>
    Rejected,
}
