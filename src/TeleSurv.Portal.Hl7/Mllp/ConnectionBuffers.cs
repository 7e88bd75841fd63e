using System.Buffers;

namespace TeleSurv.Portal.Hl7.Mllp;

/// <summary>
/// The buffers one connection holds: the read segments of its pipe and the copy of the frame being handled, rented
/// from the shared array pool and given back as soon as they are consumed, so that a large frame leaves no large
/// array behind it for the collector to find later (arrays over 85 KB live on the large-object heap, which is
/// collected rarely). Counts what the connection holds now and at most, and tells the server of each change (the
/// change and what the connection holds after it).
/// </summary>
internal sealed class ConnectionBuffers(Action<long, long> onChange) : MemoryPool<byte>
{
    private const int DefaultSegment = 4096;
    private long _held;
    private long _peak;

    /// <summary>Bytes held now.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>The most bytes held at once since the connection opened.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    public override int MaxBufferSize => Array.MaxLength;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) =>
        new Owner(this, RentArray(minBufferSize <= 0 ? DefaultSegment : minBufferSize));

    public byte[] RentArray(int length)
    {
        var array = ArrayPool<byte>.Shared.Rent(length);
        Count(array.Length);
        return array;
    }

    public void Return(byte[] array)
    {
        Count(-array.Length);
        ArrayPool<byte>.Shared.Return(array);
    }

    protected override void Dispose(bool disposing)
    {
        // Nothing of its own: every array goes back to the shared pool when its owner is disposed.
    }

    private void Count(long delta)
    {
        var held = Interlocked.Add(ref _held, delta);
        var peak = Interlocked.Read(ref _peak);
        while (held > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, held, peak);
            if (seen == peak)
            {
                break;
            }

            peak = seen;
        }

        onChange(delta, held);
    }

    private sealed class Owner(ConnectionBuffers pool, byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(Owner));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } returned)
            {
                pool.Return(returned);
            }
        }
    }
}
