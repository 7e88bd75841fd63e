namespace TeleSurv.Portal.Infrastructure.Oru;

/// <summary>
/// The way to the EAI: delivers one message and returns the acknowledgement the EAI answered. The outbox sender
/// is its only caller, so there is never more than one message in flight.
/// </summary>
public interface IOruChannel
{
    /// <exception cref="OruChannelException">No connection, no answer in time, or an answer that is not an acknowledgement.</exception>
    Task<OruAcknowledgement> SendAsync(OruOutgoingMessage message, CancellationToken cancellationToken);
}

/// <param name="ControlId">MSH-10, which the acknowledgement's MSA-2 must repeat.</param>
/// <param name="Message">ER7, segments ended by a carriage return.</param>
/// <param name="CharacterSet">MSH-18: the character set the bytes are written in.</param>
public sealed record OruOutgoingMessage(string ControlId, string Message, string CharacterSet);

/// <param name="Code">MSA-1: AA, AE, AR, CA, CE or CR.</param>
/// <param name="Text">What the EAI said: MSA-3 and the ERR segments.</param>
/// <param name="AcknowledgedControlId">MSA-2.</param>
/// <param name="Raw">The acknowledgement as received, in ER7.</param>
public sealed record OruAcknowledgement(string Code, string? Text, string? AcknowledgedControlId, string Raw);

/// <summary>The EAI could not be reached or did not answer properly: the message is tried again later.</summary>
public sealed class OruChannelException : Exception
{
    public OruChannelException()
    {
    }

    public OruChannelException(string message)
        : base(message)
    {
    }

    public OruChannelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
