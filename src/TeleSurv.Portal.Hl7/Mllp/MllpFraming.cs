namespace TeleSurv.Portal.Hl7.Mllp;

/// <summary>The Minimal Lower Layer Protocol frame: <c>0x0B</c> payload <c>0x1C 0x0D</c>.</summary>
public static class MllpFraming
{
    /// <summary>Start block (VT).</summary>
    public const byte StartBlock = 0x0B;

    /// <summary>End block (FS), followed by <see cref="CarriageReturn"/>.</summary>
    public const byte EndBlock = 0x1C;

    /// <summary>The carriage return that closes a frame after <see cref="EndBlock"/>.</summary>
    public const byte CarriageReturn = 0x0D;

    /// <summary>The default largest payload accepted: 1 MiB.</summary>
    public const int DefaultMaxMessageSize = 1024 * 1024;

    /// <summary>Wraps a payload in a frame. The payload must not hold the start or end block bytes.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        if (payload.IndexOfAny(StartBlock, EndBlock) >= 0)
        {
            throw new ArgumentException("An MLLP payload cannot hold the bytes 0x0B or 0x1C.", nameof(payload));
        }

        var frame = new byte[payload.Length + 3];
        frame[0] = StartBlock;
        payload.CopyTo(frame.AsSpan(1));
        frame[^2] = EndBlock;
        frame[^1] = CarriageReturn;
        return frame;
    }
}
