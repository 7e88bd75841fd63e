using System.Buffers.Binary;

namespace TeleSurv.Portal.Infrastructure.Seeding;

/// <summary>
/// Version 7 GUIDs made from a seeded generator: time-ordered like the portal's own keys (the timestamp is the
/// row's own moment), yet identical from one seed run to the next.
/// </summary>
internal sealed class SeedIds(int seed)
{
    private readonly Random _random = new(seed);

    public Guid Next(DateTime at)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);

        var milliseconds = (ulong)new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (milliseconds << 16) | BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
