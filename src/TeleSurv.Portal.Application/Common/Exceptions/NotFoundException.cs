namespace TeleSurv.Portal.Application.Common.Exceptions;

/// <summary>
/// The target does not exist for the current user. Also thrown when it exists in an establishment the user does
/// not work for, so that its existence does not leak across establishments.
/// </summary>
public class NotFoundException : Exception
{
    public NotFoundException()
        : base("Not found.")
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotFoundException(string targetType, Guid targetId)
        : base($"{targetType} {targetId} was not found.")
    {
        TargetType = targetType;
        TargetId = targetId;
    }

    public string? TargetType { get; }

    public Guid? TargetId { get; }
}

/// <summary>Refused by establishment scoping: reported as not found, audited as denied.</summary>
internal sealed class OutOfScopeException(string targetType, Guid targetId) : NotFoundException(targetType, targetId);
