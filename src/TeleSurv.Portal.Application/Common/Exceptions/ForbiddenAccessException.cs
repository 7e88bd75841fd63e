namespace TeleSurv.Portal.Application.Common.Exceptions;

/// <summary>The current user may not do this: wrong role, an establishment not theirs, or a request without an access rule.</summary>
public sealed class ForbiddenAccessException : Exception
{
    public ForbiddenAccessException()
        : base("Access denied.")
    {
    }

    public ForbiddenAccessException(string message)
        : base(message)
    {
    }

    public ForbiddenAccessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
