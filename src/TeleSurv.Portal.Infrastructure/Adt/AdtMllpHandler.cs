using System.Diagnostics;
using TeleSurv.Portal.Application.Adt;
using TeleSurv.Portal.Application.Common.Telemetry;
using TeleSurv.Portal.Hl7;
using TeleSurv.Portal.Hl7.Mllp;

namespace TeleSurv.Portal.Infrastructure.Adt;

/// <summary>
/// Hands each MLLP frame to the ingestion (through <see cref="AdtGroupCommit"/>, which commits the messages of all
/// connections together) and returns its acknowledgement, which the server writes only once this returns, that is
/// once the message and its effects are committed (or the refusal journaled). Counts each message by outcome and
/// times it to its acknowledgement (<see cref="PortalTelemetry"/>).
/// </summary>
public sealed class AdtMllpHandler(AdtGroupCommit groupCommit, Hl7AdtCodec codec) : IMllpMessageHandler
{
    public async ValueTask<ReadOnlyMemory<byte>> HandleAsync(MllpMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = Stopwatch.GetTimestamp();
        var parsed = codec.Parse(message.Payload.Span);
        var inbound = codec.Read(parsed);

        var result = await groupCommit.IngestAsync(inbound, cancellationToken);
        PortalTelemetry.AdtMessages.Add(1, new KeyValuePair<string, object?>("outcome", Outcome(result)));
        PortalTelemetry.AdtAckDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);

        var outcome = result.Code switch
        {
            AdtAckCode.AA => Hl7AckOutcome.Accepted,
            AdtAckCode.AE => Hl7AckOutcome.Error,
            _ => Hl7AckOutcome.Rejected,
        };

        // Enhanced mode may ask for no accept acknowledgement (MSH-15 NE, ER, SU): nothing is written then.
        return parsed.IsReadable && !Hl7AckBuilder.ShouldAcknowledge(parsed, outcome)
            ? ReadOnlyMemory<byte>.Empty
            : Encode(result.Ack, parsed.IsReadable ? parsed.DecodedAs : Hl7CharacterSet.Ascii);
    }

    private static string Outcome(AdtIngestionResult result) => result switch
    {
        { Duplicate: true } => "duplicate",
        { Code: AdtAckCode.AA } => "applied",
        { Code: AdtAckCode.AE } => "rejected",
        _ => "failed",
    };

    /// <summary>
    /// The ACK in the character set this message was read in, as the sender expects; a stored ACK (of an earlier copy
    /// sent in another set) that this set cannot carry is written in the set its own MSH-18 declares, and as a last
    /// resort in UTF-8: the sender always gets an answer.
    /// </summary>
    public static byte[] Encode(string ack, Hl7CharacterSet preferred)
    {
        ArgumentNullException.ThrowIfNull(ack);
        try
        {
            return Hl7CharacterSets.Encode(ack, preferred);
        }
        catch (Hl7EncodingException)
        {
            var declared = Hl7Message.Parse(ack).CharacterSet;
            try
            {
                return Hl7CharacterSets.Encode(ack, declared);
            }
            catch (Hl7EncodingException)
            {
                return Hl7CharacterSets.Encode(ack, Hl7CharacterSet.Utf8);
            }
        }
    }
}
