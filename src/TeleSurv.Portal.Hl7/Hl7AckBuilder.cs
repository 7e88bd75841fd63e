using System.Globalization;
using System.Text;

namespace TeleSurv.Portal.Hl7;

/// <summary>
/// Builds the acknowledgement of a received message: original mode (AA/AE/AR) unless the message asks for
/// enhanced mode by valuing MSH-15 or MSH-16 (CA/CE/CR); MSA-2 echoes the original MSH-10; sender and receiver are
/// swapped; one ERR segment per problem. It never throws on a damaged original: missing header fields stay empty.
/// </summary>
public sealed class Hl7AckBuilder
{
    private readonly Hl7AckOptions _options;

    /// <summary>Creates a builder that signs acknowledgements with <paramref name="options"/>.</summary>
    public Hl7AckBuilder(Hl7AckOptions? options = null)
    {
        _options = options ?? new Hl7AckOptions();
    }

    /// <summary>True when the original asks for enhanced mode (MSH-15 or MSH-16 valued).</summary>
    public static bool IsEnhancedMode(Hl7Message original)
    {
        ArgumentNullException.ThrowIfNull(original);
        return original.Get("MSH-15").HasValue || original.Get("MSH-16").HasValue;
    }

    /// <summary>The MSA-1 code of an outcome, in the original's acknowledgment mode.</summary>
    public static Hl7AckCode CodeFor(Hl7Message original, Hl7AckOutcome outcome)
    {
        var enhanced = IsEnhancedMode(original);
        return outcome switch
        {
            Hl7AckOutcome.Accepted => enhanced ? Hl7AckCode.CA : Hl7AckCode.AA,
            Hl7AckOutcome.Error => enhanced ? Hl7AckCode.CE : Hl7AckCode.AE,
            Hl7AckOutcome.Rejected => enhanced ? Hl7AckCode.CR : Hl7AckCode.AR,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
        };
    }

    /// <summary>
    /// Whether the sender wants an accept acknowledgement for this outcome: always in original mode; in enhanced
    /// mode as MSH-15 says (AL or empty always, NE never, ER only for errors, SU only for success).
    /// </summary>
    public static bool ShouldAcknowledge(Hl7Message original, Hl7AckOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (!IsEnhancedMode(original))
        {
            return true;
        }

        return original.Get("MSH-15").Text switch
        {
            "NE" => false,
            "ER" => outcome != Hl7AckOutcome.Accepted,
            "SU" => outcome == Hl7AckOutcome.Accepted,
            _ => true,
        };
    }

    /// <summary>
    /// The outcome the parse alone calls for: rejected when the header (MSH-9, MSH-11, MSH-12 or the delimiters)
    /// cannot be accepted, as HL7 asks of the responder; error when another problem of severity Error was met;
    /// accepted otherwise (warnings do not refuse a message).
    /// </summary>
    public static Hl7AckOutcome OutcomeFor(Hl7Message parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var outcome = Hl7AckOutcome.Accepted;
        foreach (var error in parsed.Errors)
        {
            if (error.Severity != Hl7Severity.Error)
            {
                continue;
            }

            if (IsHeaderRejection(error))
            {
                return Hl7AckOutcome.Rejected;
            }

            outcome = Hl7AckOutcome.Error;
        }

        return outcome;
    }

    /// <summary>The acknowledgement for the parse alone: <see cref="OutcomeFor"/> with one ERR per problem met.</summary>
    public Hl7Message BuildForParse(Hl7Message parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return Build(parsed, OutcomeFor(parsed), parsed.Errors.Select(Hl7AckError.From));
    }

    /// <summary>Builds the acknowledgement of <paramref name="original"/> with the receiver's decision.</summary>
    public Hl7Message Build(Hl7Message original, Hl7AckOutcome outcome, IEnumerable<Hl7AckError>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(original);
        var code = CodeFor(original, outcome);
        // Answer in the set the original was actually read in: every character copied from it can then be written.
        var characterSet = original.IsReadable ? original.DecodedAs : Hl7CharacterSet.Ascii;
        var delimiters = original.IsReadable ? original.Delimiters : Hl7Delimiters.Default;
        var ack = new Hl7MessageBuilder(characterSet, delimiters);
        var header = ack.Header;

        CopyOr(header, 3, original.Get("MSH-5"), _options.SendingApplication, characterSet);
        CopyOr(header, 4, original.Get("MSH-6"), _options.SendingFacility, characterSet);
        CopyRaw(header, 5, original.Get("MSH-3"), characterSet);
        CopyRaw(header, 6, original.Get("MSH-4"), characterSet);
        header.Set(7, Hl7Timestamp.Format(_options.TimeProvider.GetLocalNow()));
        var trigger = original.Get("MSH-9.2");
        header.Set("9.1", "ACK");
        if (trigger.HasValue && IsCode(trigger.RawSpan))
        {
            header.SetRaw("9.2", trigger.Raw);
            header.Set("9.3", "ACK");
        }

        header.Set(10, _options.ControlIdFactory());
        // A processing id or version we refused is not echoed: the acknowledgement itself must be valid.
        var processingId = original.Get("MSH-11");
        CopyOr(header, 11, processingId.Component(1).RawSpan is "P" or "D" or "T" ? processingId : Hl7Value.Absent, "P", characterSet);
        var version = original.Get("MSH-12");
        CopyOr(header, 12, IsVersion2(version.Component(1).RawSpan) ? version : Hl7Value.Absent, "2.5", characterSet);
        CopyRaw(header, 17, original.Get("MSH-17"), characterSet);
        CopyRaw(header, 19, original.Get("MSH-19"), characterSet);

        var errorList = errors?.ToList() ?? [];
        var msa = ack.AddSegment("MSA");
        msa.Set(1, code.ToString());
        CopyRaw(msa, 2, original.Get("MSH-10"), characterSet);
        var firstError = errorList.Find(error => error.Severity == Hl7Severity.Error);
        if (outcome != Hl7AckOutcome.Accepted && firstError is not null)
        {
            msa.Set(3, Representable(Truncate(firstError.Message, 80), characterSet));
        }

        foreach (var error in errorList)
        {
            var err = ack.AddSegment("ERR");
            if (error.Location is { IsKnown: true } location)
            {
                err.Set("2.1", location.SegmentName);
                err.Set("2.2", Number(location.SegmentSequence));
                err.Set("2.3", Number(location.Field));
                err.Set("2.4", Number(location.Repetition));
                err.Set("2.5", Number(location.Component));
                err.Set("2.6", Number(location.Subcomponent));
            }

            err.Set("3.1", ((int)error.Condition).ToString(CultureInfo.InvariantCulture));
            err.Set("3.2", Hl7Tables.Describe(error.Condition));
            err.Set("3.3", "HL70357");
            err.Set(4, Hl7Tables.ToCode(error.Severity));
            if (!string.IsNullOrEmpty(error.ApplicationErrorCode))
            {
                err.Set("5.1", Representable(error.ApplicationErrorCode, characterSet));
            }

            err.Set(8, Representable(error.Message, characterSet));
        }

        return ack.Build();
    }

    /// <summary>
    /// True when the standard's responder rule refuses a message with this problem (AR, not AE): no header, unusable
    /// delimiters, or MSH-9, MSH-11 or MSH-12 missing or unacceptable.
    /// </summary>
    public static bool IsHeaderRejection(Hl7ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code is Hl7ParseErrorCode.InvalidMessageType or Hl7ParseErrorCode.InvalidProcessingId
                or Hl7ParseErrorCode.UnsupportedVersion or Hl7ParseErrorCode.InvalidDelimiters
                or Hl7ParseErrorCode.MissingHeader or Hl7ParseErrorCode.EmptyMessage
            || (error.Code == Hl7ParseErrorCode.MissingRequiredField && error.Location.SegmentName == "MSH" && error.Location.Field is 9 or 11 or 12);
    }

    private static void CopyRaw(Hl7SegmentBuilder segment, int field, Hl7Value value, Hl7CharacterSet characterSet)
    {
        if (value.IsPresent && value.Level != Hl7ValueLevel.Literal && !value.RawSpan.IsEmpty)
        {
            segment.SetRaw(field.ToString(CultureInfo.InvariantCulture), Representable(value.Raw, characterSet));
        }
    }

    private static void CopyOr(Hl7SegmentBuilder segment, int field, Hl7Value value, string fallback, Hl7CharacterSet characterSet)
    {
        if (value.HasValue)
        {
            CopyRaw(segment, field, value, characterSet);
        }
        else if (fallback.Length > 0)
        {
            segment.Set(field, Representable(fallback, characterSet));
        }
    }

    private static bool IsVersion2(ReadOnlySpan<char> version) => version.Length >= 3 && version.StartsWith("2.") && char.IsAsciiDigit(version[2]);

    private static bool IsCode(ReadOnlySpan<char> value) => value.Length is > 0 and <= 10 && !value.ContainsAnyExcept(CodeCharacters);

    private static readonly System.Buffers.SearchValues<char> CodeCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    private static string? Number(int value) => value > 0 ? value.ToString(CultureInfo.InvariantCulture) : null;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 3)] + "...";

    // An acknowledgement must always be writable: accents are dropped, then anything left unwritable becomes '?'.
    private static string Representable(string text, Hl7CharacterSet characterSet)
    {
        if (Hl7CharacterSets.CanEncode(text, characterSet))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(Hl7CharacterSets.CanEncode([c], characterSet) ? c : '?');
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
