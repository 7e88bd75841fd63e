using System.Buffers;

namespace TeleSurv.Portal.Hl7.Mllp;

/// <summary>
/// Cuts frames out of a byte stream, one connection's worth of state: frames may arrive split across reads or
/// several in one read; bytes outside a frame are counted and skipped; a frame longer than the limit is reported
/// as oversize with its first bytes (enough to read its MSH and answer it).
/// </summary>
internal sealed class MllpFrameDecoder
{
    private const int OversizePrefix = 64 * 1024;
    private static readonly byte[] StartOrEnd = [MllpFraming.StartBlock, MllpFraming.EndBlock];

    private readonly int _maxMessageSize;
    private readonly bool _copyPayload;
    private bool _inFrame;
    private bool _expectCarriageReturn;
    private long _scanned;

    /// <param name="maxMessageSize">The largest payload; a longer frame is reported as oversize.</param>
    /// <param name="copyPayload">
    /// False: a frame's payload is given as <see cref="MllpFrame.Content"/>, a slice of the buffer read, valid until
    /// the caller advances past it, and the caller copies it where it wants; true: as a copy of its own.
    /// </param>
    public MllpFrameDecoder(int maxMessageSize, bool copyPayload = true)
    {
        _maxMessageSize = maxMessageSize;
        _copyPayload = copyPayload;
    }

    /// <summary>True while a frame has started and not ended.</summary>
    public bool InFrame => _inFrame;

    /// <summary>Bytes of the current, unfinished frame.</summary>
    public long PendingFrameBytes => _inFrame ? _scanned : 0;

    /// <summary>Bytes skipped outside frames since the last call to <see cref="TakeSkipped"/>.</summary>
    public long Skipped { get; private set; }

    /// <summary>Bytes of frames abandoned because a new start block came before their end.</summary>
    public long Abandoned { get; private set; }

    public long TakeSkipped()
    {
        var skipped = Skipped + Abandoned;
        Skipped = 0;
        Abandoned = 0;
        return skipped;
    }

    /// <summary>
    /// Reads the next complete frame from <paramref name="buffer"/>, slicing off what it consumed. False when more
    /// bytes are needed: the caller keeps <paramref name="buffer"/> (from its start) for the next read.
    /// </summary>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out MllpFrame frame)
    {
        frame = default;
        while (true)
        {
            if (_expectCarriageReturn && !buffer.IsEmpty)
            {
                _expectCarriageReturn = false;
                if (buffer.FirstSpan[0] == MllpFraming.CarriageReturn)
                {
                    buffer = buffer.Slice(1);
                }
            }

            if (!_inFrame)
            {
                var start = buffer.PositionOf(MllpFraming.StartBlock);
                if (start is null)
                {
                    Skipped += buffer.Length;
                    buffer = buffer.Slice(buffer.End);
                    return false;
                }

                Skipped += buffer.Slice(0, start.Value).Length;
                buffer = buffer.Slice(buffer.GetPosition(1, start.Value));
                _inFrame = true;
                _scanned = 0;
            }

            var reader = new SequenceReader<byte>(buffer);
            reader.Advance(_scanned);
            if (!reader.TryAdvanceToAny(StartOrEnd, advancePastDelimiter: false))
            {
                _scanned = buffer.Length;
                if (_scanned > _maxMessageSize)
                {
                    frame = MllpFrame.Oversize(buffer.Slice(0, Math.Min(buffer.Length, OversizePrefix)).ToArray(), _scanned);
                    buffer = buffer.Slice(buffer.End);
                    _inFrame = false;
                    return true;
                }

                return false;
            }

            var length = reader.Consumed;
            reader.TryPeek(out var block);
            if (block == MllpFraming.StartBlock)
            {
                // A new frame starts before this one ended: the sender gave up on it.
                Abandoned += length;
                buffer = buffer.Slice(length);
                _inFrame = false;
                continue;
            }

            _inFrame = false;
            if (length > _maxMessageSize)
            {
                frame = MllpFrame.Oversize(buffer.Slice(0, Math.Min(length, OversizePrefix)).ToArray(), length);
                buffer = buffer.Slice(length + 1);
                _expectCarriageReturn = true;
                return true;
            }

            var content = buffer.Slice(0, length);
            frame = _copyPayload ? MllpFrame.Message(content.ToArray()) : MllpFrame.Slice(content);
            buffer = buffer.Slice(length + 1);
            _expectCarriageReturn = true;
            if (!buffer.IsEmpty)
            {
                _expectCarriageReturn = false;
                if (buffer.FirstSpan[0] == MllpFraming.CarriageReturn)
                {
                    buffer = buffer.Slice(1);
                }
            }

            return true;
        }
    }
}

/// <summary>
/// A frame cut from the stream: its payload (a copy, or a slice of the read buffer when the decoder does not copy),
/// or the first bytes of a payload over the limit.
/// </summary>
internal readonly record struct MllpFrame(byte[] Payload, ReadOnlySequence<byte> Content, bool IsOversize, long Length)
{
    public static MllpFrame Message(byte[] payload) => new(payload, new ReadOnlySequence<byte>(payload), false, payload.Length);

    public static MllpFrame Slice(ReadOnlySequence<byte> content) => new([], content, false, content.Length);

    public static MllpFrame Oversize(byte[] prefix, long length) => new(prefix, new ReadOnlySequence<byte>(prefix), true, length);
}
