namespace TeleSurv.Portal.Hl7;

/// <summary>A message could not be written: a character outside its declared character set, or an unusable value.</summary>
public sealed class Hl7EncodingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public Hl7EncodingException()
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public Hl7EncodingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public Hl7EncodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
