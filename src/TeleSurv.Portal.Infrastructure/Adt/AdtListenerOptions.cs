using System.Net;
using TeleSurv.Portal.Hl7;

namespace TeleSurv.Portal.Infrastructure.Adt;

/// <summary>The MLLP listener of inbound ADT, bound from <c>Adt:Listener</c>.</summary>
public sealed class AdtListenerOptions
{
    public const string SectionName = "Listener";

    /// <summary>Whether the portal listens for ADT at all (on in the Development demo run).</summary>
    public bool Enabled { get; set; }

    /// <summary>IP address to listen on; loopback by default, so that only a local EAI (or a tunnel) reaches it.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port (0 picks a free one, for tests).</summary>
    public int Port { get; set; } = 2575;

    /// <summary>Largest message accepted, in bytes; a larger one is answered AR.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Seconds without a byte after which a connection is closed.</summary>
    public int IdleTimeoutSeconds { get; set; } = 300;

    /// <summary>Connections served at once; more are refused (logged and counted).</summary>
    public int MaxConnections { get; set; } = 64;

    /// <summary>
    /// Of <see cref="MaxConnections"/>, the slots kept for connections that have completed a frame: senders that never
    /// finish one (slow or stalled) cannot take them, so a working EAI always finds a slot.
    /// </summary>
    public int ReservedConnections { get; set; } = 8;

    /// <summary>Seconds a message may take from its first byte to its end block; a slower sender is closed and logged.</summary>
    public int FrameTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds the portal may take to process one message; past it the sender gets an AR and is closed.</summary>
    public int MessageTimeoutSeconds { get; set; } = 30;

    /// <summary>Repetitions one field may hold; more is answered AE naming the field.</summary>
    public int MaxRepetitionsPerField { get; set; } = Hl7FieldLimits.Default.MaxRepetitions;

    /// <summary>Components one repetition may hold (and subcomponents one component); more is answered AE naming the field.</summary>
    public int MaxComponentsPerField { get; set; } = Hl7FieldLimits.Default.MaxComponents;

    public Hl7FieldLimits FieldLimits => new()
    {
        MaxRepetitions = MaxRepetitionsPerField,
        MaxComponents = MaxComponentsPerField,
        MaxSubcomponents = MaxComponentsPerField,
    };

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!IPAddress.TryParse(Address, out _))
        {
            problems.Add($"{nameof(Address)} must be an IP address such as 127.0.0.1 or 0.0.0.0, not \"{Address}\".");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"{nameof(Port)} must be 0 to 65535.");
        }

        if (MaxMessageBytes is < 1024 or > 64 * 1024 * 1024)
        {
            problems.Add($"{nameof(MaxMessageBytes)} must be 1024 to 67108864.");
        }

        if (IdleTimeoutSeconds is < 1 or > 86400)
        {
            problems.Add($"{nameof(IdleTimeoutSeconds)} must be 1 to 86400.");
        }

        if (MaxConnections is < 1 or > 10000)
        {
            problems.Add($"{nameof(MaxConnections)} must be 1 to 10000.");
        }

        if (ReservedConnections < 0 || ReservedConnections >= MaxConnections)
        {
            problems.Add($"{nameof(ReservedConnections)} must be 0 to {nameof(MaxConnections)} - 1.");
        }

        if (FrameTimeoutSeconds is < 1 or > 3600)
        {
            problems.Add($"{nameof(FrameTimeoutSeconds)} must be 1 to 3600.");
        }

        if (MessageTimeoutSeconds is < 1 or > 3600)
        {
            problems.Add($"{nameof(MessageTimeoutSeconds)} must be 1 to 3600.");
        }

        if (MaxRepetitionsPerField is < 1 or > 100000)
        {
            problems.Add($"{nameof(MaxRepetitionsPerField)} must be 1 to 100000.");
        }

        if (MaxComponentsPerField is < 1 or > 100000)
        {
            problems.Add($"{nameof(MaxComponentsPerField)} must be 1 to 100000.");
        }

        return problems;
    }

    public IPEndPoint EndPoint => new(IPAddress.Parse(Address), Port);
}
