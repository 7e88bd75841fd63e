namespace TeleSurv.Portal.Infrastructure;

/// <summary>
/// The portal cannot start because of its configuration. <see cref="Exception.Message"/> is one sentence naming the
/// setting, meant to be printed as it is instead of a stack trace.
/// </summary>
public sealed class PortalConfigurationException : Exception
{
    public PortalConfigurationException()
    {
    }

    public PortalConfigurationException(string message)
        : base(message)
    {
    }

    public PortalConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Another exception's message made fit to close our sentence: one line, ending with a full stop.</summary>
    internal static string AsSentenceEnd(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
