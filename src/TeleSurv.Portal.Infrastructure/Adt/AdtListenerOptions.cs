using System.Net;

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

    /// <summary>Connections served at once; more are refused.</summary>
    public int MaxConnections { get; set; } = 16;

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

        if (MaxConnections is < 1 or > 1000)
        {
            problems.Add($"{nameof(MaxConnections)} must be 1 to 1000.");
        }

        return problems;
    }

    public IPEndPoint EndPoint => new(IPAddress.Parse(Address), Port);
}
