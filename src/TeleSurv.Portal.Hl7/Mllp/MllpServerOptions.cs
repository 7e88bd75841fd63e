using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace TeleSurv.Portal.Hl7.Mllp;

/// <summary>How an <see cref="MllpServer"/> listens.</summary>
public sealed class MllpServerOptions
{
    /// <summary>Where to listen; port 0 picks a free port (read it back from <see cref="MllpServer.LocalEndPoint"/>).</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 2575);

    /// <summary>The largest payload accepted (default 1 MiB). A larger frame is answered with an AR and the connection closed.</summary>
    public int MaxMessageSize { get; init; } = MllpFraming.DefaultMaxMessageSize;

    /// <summary>A connection silent for this long while the server waits for bytes is closed (default 5 minutes).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Connections served at once (default 16); one more is accepted and closed at once (logged and counted).</summary>
    public int MaxConnections { get; init; } = 16;

    /// <summary>
    /// Of <see cref="MaxConnections"/>, the slots only connections that have completed a frame may take (default 0):
    /// senders that never finish a frame cannot fill them, so a working sender reconnecting still finds one.
    /// </summary>
    public int ReservedConnections { get; init; }

    /// <summary>
    /// The longest a message may take from its first byte to its end block (default 1 minute); a slower sender is
    /// logged and closed, however regularly its bytes come.
    /// </summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest the handler may take for one message (default 1 minute); past it the sender gets an AR (ERR 207)
    /// and the connection is closed, the handler being asked to stop.
    /// </summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>When set, every connection must open with a TLS handshake using this certificate (with its private key).</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>The TLS versions allowed; None lets the operating system choose (TLS 1.2 and 1.3 today).</summary>
    public SslProtocols TlsProtocols { get; init; } = SslProtocols.None;

    /// <summary>How the server signs the AR it writes for an oversize message.</summary>
    public Hl7AckOptions AckOptions { get; init; } = new();

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the first wrong one.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(EndPoint, nameof(EndPoint));
        if (MaxMessageSize < 16)
        {
            throw new ArgumentException($"MaxMessageSize must be at least 16 bytes (was {MaxMessageSize}).", nameof(MaxMessageSize));
        }

        if (IdleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"IdleTimeout must be positive (was {IdleTimeout}).", nameof(IdleTimeout));
        }

        if (MaxConnections < 1)
        {
            throw new ArgumentException($"MaxConnections must be at least 1 (was {MaxConnections}).", nameof(MaxConnections));
        }

        if (ReservedConnections < 0 || ReservedConnections >= MaxConnections)
        {
            throw new ArgumentException($"ReservedConnections must be 0 to MaxConnections - 1 (was {ReservedConnections}).", nameof(ReservedConnections));
        }

        if (FrameTimeout <= TimeSpan.Zero || MessageTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"FrameTimeout and MessageTimeout must be positive (were {FrameTimeout} and {MessageTimeout}).", nameof(FrameTimeout));
        }

        if (ServerCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("The TLS server certificate must carry its private key.", nameof(ServerCertificate));
        }
    }
}
