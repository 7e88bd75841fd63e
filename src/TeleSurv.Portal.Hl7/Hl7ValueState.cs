namespace TeleSurv.Portal.Hl7;

/// <summary>
/// The three states HL7 distinguishes for any element, plus "has a value". PAM FR deletes an INS by sending
/// <c>""</c> in one component, so the states hold at every level, down to the subcomponent.
/// </summary>
public enum Hl7ValueState
{
    /// <summary>Not in the message at all (past the last separator): the receiver keeps what it has.</summary>
    Absent,

    /// <summary>Present but empty (<c>||</c>, <c>^^</c>): not populated, the receiver infers nothing.</summary>
    Empty,

    /// <summary>Exactly <c>""</c>: the delete indicator, the receiver clears what it has.</summary>
    Null,

    /// <summary>Anything else.</summary>
    Valued,
}
