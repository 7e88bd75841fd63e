namespace TeleSurv.Portal.Hl7;

/// <summary>
/// Stable codes of the problems the parser reports. The names are part of the contract: they name the folders of
/// bad inputs in the tests and may be stored by hosts, so they are never renamed.
/// </summary>
public enum Hl7ParseErrorCode
{
    /// <summary>No bytes, or only line breaks and spaces.</summary>
    EmptyMessage,

    /// <summary>The message does not start with an MSH segment; nothing can be read without its delimiters.</summary>
    MissingHeader,

    /// <summary>MSH-1/MSH-2 do not declare usable delimiters (too short, repeated, letters, digits or controls).</summary>
    InvalidDelimiters,

    /// <summary>A segment does not start with a three-character name (an upper-case letter, then letters or digits).</summary>
    InvalidSegmentName,

    /// <summary>A field that the header requires is empty or absent (MSH-9, MSH-10, MSH-11, MSH-12).</summary>
    MissingRequiredField,

    /// <summary>MSH-9 is not a message type code followed by a trigger event.</summary>
    InvalidMessageType,

    /// <summary>MSH-11 is not P, D or T.</summary>
    InvalidProcessingId,

    /// <summary>MSH-12 does not name an HL7 version 2.</summary>
    UnsupportedVersion,

    /// <summary>MSH-18 names a character set this codec does not read; the text was read by looking at the bytes.</summary>
    UnsupportedCharacterSet,

    /// <summary>The bytes are not valid in the declared character set (for example broken UTF-8).</summary>
    InvalidCharacterEncoding,

    /// <summary>Bytes above 0x7F in a message that declares ASCII; read as UTF-8 when valid, else as 8859/1.</summary>
    CharacterOutsideDeclaredSet,

    /// <summary>An escape character without its closing escape character in the same value; kept as text.</summary>
    UnterminatedEscapeSequence,

    /// <summary>An escape sequence that the standard does not define; kept as text.</summary>
    UnknownEscapeSequence,

    /// <summary>A <c>\X..\</c> sequence that is not pairs of hexadecimal digits; kept as text.</summary>
    MalformedHexEscape,

    /// <summary>
    /// A field holds more repetitions, components or subcomponents than the receiver accepts
    /// (<see cref="Hl7FieldLimits"/>: the defaults unless the parse was given others).
    /// </summary>
    FieldLimitExceeded,
}
