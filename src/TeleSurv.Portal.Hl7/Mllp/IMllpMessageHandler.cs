namespace TeleSurv.Portal.Hl7.Mllp;

/// <summary>
/// What the host does with each message an <see cref="MllpServer"/> receives: store it durably, THEN return the
/// acknowledgement's bytes (unframed). The server writes them only once this returns, and reads the connection's
/// next message only after that: one message in flight per connection, as MLLP requires.
/// </summary>
/// <remarks>
/// Return an AR (or AE) for failures the host understands. An exception escaping the handler closes the connection
/// without any acknowledgement, since the server cannot know whether the message was stored: the sender will
/// send it again. An empty result writes nothing (enhanced mode with MSH-15 = NE).
/// </remarks>
public interface IMllpMessageHandler
{
    /// <summary>Handles one message and returns its acknowledgement.</summary>
    ValueTask<ReadOnlyMemory<byte>> HandleAsync(MllpMessage message, CancellationToken cancellationToken);
}

/// <summary>One message received by the server, with where it came from.</summary>
/// <param name="Payload">
/// The bytes between the start block and the end block, in a buffer the server reuses once the handler has returned:
/// a handler that keeps them copies them.
/// </param>
/// <param name="ConnectionId">The connection's number, unique for the life of the server (for logs).</param>
/// <param name="RemoteEndPoint">The peer's address.</param>
/// <param name="ReceivedAt">When the frame's last byte was read.</param>
/// <param name="IsTls">True when the connection is protected by TLS.</param>
public sealed record MllpMessage(ReadOnlyMemory<byte> Payload, long ConnectionId, System.Net.EndPoint? RemoteEndPoint, DateTimeOffset ReceivedAt, bool IsTls);
