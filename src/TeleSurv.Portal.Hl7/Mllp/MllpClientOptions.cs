using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace TeleSurv.Portal.Hl7.Mllp;

/// <summary>Where and how an <see cref="MllpClient"/> sends.</summary>
public sealed class MllpClientOptions
{
    /// <summary>The peer's host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>The peer's port.</summary>
    public required int Port { get; init; }

    /// <summary>How long to wait for the connection (and the TLS handshake). Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the acknowledgement of a message. Default 30 s.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest acknowledgement accepted (default 1 MiB).</summary>
    public int MaxAckSize { get; init; } = MllpFraming.DefaultMaxMessageSize;

    /// <summary>Open the connection with TLS.</summary>
    public bool UseTls { get; init; }

    /// <summary>The name the server certificate must carry; the host name by default.</summary>
    public string? TlsTargetHost { get; init; }

    /// <summary>A certificate to present when the peer asks for one.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Replaces the operating system's certificate check (for a peer with a private certificate authority).</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>The TLS versions allowed; None lets the operating system choose.</summary>
    public SslProtocols TlsProtocols { get; init; } = SslProtocols.None;

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the first wrong one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("Host is required.", nameof(Host));
        }

        if (Port is < 1 or > 65535)
        {
            throw new ArgumentException($"Port must be between 1 and 65535 (was {Port}).", nameof(Port));
        }

        if (ConnectTimeout <= TimeSpan.Zero || AckTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ConnectTimeout and AckTimeout must be positive.", nameof(AckTimeout));
        }

        if (MaxAckSize < 16)
        {
            throw new ArgumentException($"MaxAckSize must be at least 16 bytes (was {MaxAckSize}).", nameof(MaxAckSize));
        }
    }
}
