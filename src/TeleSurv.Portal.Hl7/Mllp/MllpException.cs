namespace TeleSurv.Portal.Hl7.Mllp;

/// <summary>Why an <see cref="MllpClient"/> exchange failed.</summary>
public enum MllpFailure
{
    /// <summary>No connection within the connect timeout.</summary>
    ConnectTimeout,

    /// <summary>The peer refused or could not be reached.</summary>
    ConnectFailed,

    /// <summary>The TLS handshake failed (certificate refused, protocol mismatch).</summary>
    TlsFailed,

    /// <summary>No acknowledgement within the acknowledgement timeout.</summary>
    AckTimeout,

    /// <summary>The peer closed the connection before acknowledging.</summary>
    ConnectionClosed,

    /// <summary>The acknowledgement was larger than allowed.</summary>
    AckTooLarge,

    /// <summary>Reading or writing failed.</summary>
    TransportError,
}

/// <summary>An MLLP exchange failed; <see cref="Failure"/> says how. The message may or may not have been received.</summary>
public sealed class MllpException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MllpException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public MllpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and a cause.</summary>
    public MllpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failure.</summary>
    public MllpException(MllpFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>How the exchange failed.</summary>
    public MllpFailure Failure { get; } = MllpFailure.TransportError;
}
