namespace TeleSurv.Portal.Hl7;

/// <summary>The character sets of HL7 table 0211 that French senders use (MSH-18).</summary>
public enum Hl7CharacterSet
{
    /// <summary>MSH-18 empty or <c>ASCII</c>: printable ASCII, the HL7 default.</summary>
    Ascii,

    /// <summary><c>8859/1</c>, Latin-1: still sent by many French systems.</summary>
    Latin1,

    /// <summary><c>8859/15</c>, Latin-9: the standard encoding of IHE PAM France; Latin-1 plus the euro sign and œ.</summary>
    Latin9,

    /// <summary><c>UNICODE UTF-8</c>.</summary>
    Utf8,
}
