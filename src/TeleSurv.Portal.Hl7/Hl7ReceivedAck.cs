namespace TeleSurv.Portal.Hl7;

/// <summary>
/// An acknowledgement received from a peer, read tolerantly: only MSA is needed (MSH-9 variants such as
/// <c>ACK^A03^ADT_A03</c> are accepted). Error texts are taken from ERR-8, ERR-7, ERR-3 or MSA-3, whichever the
/// peer filled.
/// </summary>
public sealed class Hl7ReceivedAck
{
    private Hl7ReceivedAck(Hl7Message message, Hl7AckCode? code, string codeText, string controlId, IReadOnlyList<Hl7ReceivedAckError> errors, string? problem)
    {
        Message = message;
        Code = code;
        CodeText = codeText;
        ControlId = controlId;
        Errors = errors;
        Problem = problem;
    }

    /// <summary>The acknowledgement as parsed.</summary>
    public Hl7Message Message { get; }

    /// <summary>MSA-1, or null when it is not one of AA, AE, AR, CA, CE, CR.</summary>
    public Hl7AckCode? Code { get; }

    /// <summary>MSA-1 as received.</summary>
    public string CodeText { get; }

    /// <summary>MSA-2: the MSH-10 of the message this acknowledges.</summary>
    public string ControlId { get; }

    /// <summary>The ERR segments, in order.</summary>
    public IReadOnlyList<Hl7ReceivedAckError> Errors { get; }

    /// <summary>Why the acknowledgement cannot be used (no MSH, no MSA, unknown MSA-1), or null.</summary>
    public string? Problem { get; }

    /// <summary>True when MSA-1 is a known code.</summary>
    public bool IsReadable => Problem is null;

    /// <summary>AA or CA: the peer took responsibility for the message.</summary>
    public bool IsAccepted => Code is Hl7AckCode.AA or Hl7AckCode.CA;

    /// <summary>AE or CE: the peer refused the content; sending it again unchanged will not help.</summary>
    public bool IsError => Code is Hl7AckCode.AE or Hl7AckCode.CE;

    /// <summary>AR or CR: the peer refused for a reason unrelated to content; it may be sent again later.</summary>
    public bool IsRejected => Code is Hl7AckCode.AR or Hl7AckCode.CR;

    /// <summary>The error texts for people, one per line (MSA-3 when no ERR says anything).</summary>
    public string ErrorText
    {
        get
        {
            var texts = Errors.Select(error => error.Text).Where(text => text.Length > 0).ToList();
            if (texts.Count == 0)
            {
                var msa3 = Message.Get("MSA-3").Text;
                return msa3;
            }

            return string.Join('\n', texts);
        }
    }

    /// <summary>True when this acknowledges the message whose MSH-10 is <paramref name="controlId"/>.</summary>
    public bool Acknowledges(string controlId) => string.Equals(ControlId, controlId, StringComparison.Ordinal);

    /// <summary>Reads an acknowledgement from its bytes.</summary>
    public static Hl7ReceivedAck Read(ReadOnlySpan<byte> bytes) => Read(Hl7Message.Parse(bytes));

    /// <summary>Reads an already parsed acknowledgement.</summary>
    public static Hl7ReceivedAck Read(Hl7Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.IsReadable)
        {
            var reason = message.Errors.Count > 0 ? message.Errors[0].Message : "The acknowledgement has no MSH segment.";
            return new Hl7ReceivedAck(message, null, string.Empty, string.Empty, [], reason);
        }

        if (!message.TryGetSegment("MSA", out var msa))
        {
            return new Hl7ReceivedAck(message, null, string.Empty, string.Empty, ReadErrors(message), "The acknowledgement has no MSA segment.");
        }

        var codeText = msa.Get(1).Text.Trim();
        Hl7AckCode? code = codeText switch
        {
            "AA" => Hl7AckCode.AA,
            "AE" => Hl7AckCode.AE,
            "AR" => Hl7AckCode.AR,
            "CA" => Hl7AckCode.CA,
            "CE" => Hl7AckCode.CE,
            "CR" => Hl7AckCode.CR,
            _ => null,
        };
        var problem = code is null ? $"MSA-1 '{codeText}' is not an acknowledgment code (AA, AE, AR, CA, CE, CR)." : null;
        return new Hl7ReceivedAck(message, code, codeText, msa.Get(2).Text, ReadErrors(message), problem);
    }

    private static List<Hl7ReceivedAckError> ReadErrors(Hl7Message message)
    {
        var errors = new List<Hl7ReceivedAckError>();
        foreach (var err in message.SegmentsNamed("ERR"))
        {
            var condition = err.Get(3, 1, 1).Text;
            if (condition.Length == 0)
            {
                // v2.3 style: ERR-1 = segment^sequence^field^code(identifier&text).
                condition = err.Get(1, 1, 4, 1).Text;
            }

            var text = FirstText(err.Get(8), err.Get(7), err.Get(3, 1, 5), err.Get(3, 1, 2), err.Get(1, 1, 4, 2));
            var location = err.Get(2).HasValue ? err.Get(2).Raw : string.Empty;
            errors.Add(new Hl7ReceivedAckError(condition, text, Hl7Tables.ParseSeverity(err.Get(4).Text), location));
        }

        return errors;
    }

    private static string FirstText(params ReadOnlySpan<Hl7Value> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.HasValue)
            {
                var text = candidate.Level == Hl7ValueLevel.Field ? JoinRepetitions(candidate) : candidate.Text;
                if (text.Trim().Length > 0)
                {
                    return text.Trim();
                }
            }
        }

        return string.Empty;
    }

    // ERR-7 and ERR-8 are TX: repetitions are lines.
    private static string JoinRepetitions(Hl7Value field)
    {
        var lines = new List<string>();
        for (var i = 1; i <= field.RepetitionCount; i++)
        {
            lines.Add(field.Repetition(i).Text);
        }

        return string.Join('\n', lines);
    }
}

/// <summary>One ERR segment of a received acknowledgement.</summary>
/// <param name="ConditionCode">ERR-3.1 (table 0357), or the v2.3 ERR-1 code; as received.</param>
/// <param name="Text">The most telling text the peer wrote.</param>
/// <param name="Severity">ERR-4 (Error when absent or unknown).</param>
/// <param name="Location">ERR-2 as received.</param>
public sealed record Hl7ReceivedAckError(string ConditionCode, string Text, Hl7Severity Severity, string Location);
