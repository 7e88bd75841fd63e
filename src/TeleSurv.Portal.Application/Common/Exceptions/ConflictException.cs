namespace TeleSurv.Portal.Application.Common.Exceptions;

public enum ConflictKind
{
    /// <summary>Someone else changed the record since it was read (optimistic concurrency).</summary>
    Concurrency = 0,

    /// <summary>The record would duplicate an existing one.</summary>
    Duplicate = 1,

    /// <summary>The record's current state does not allow the operation (e.g. claiming a resolved alert).</summary>
    State = 2,
}

/// <summary>The operation cannot be applied to the current state of the data; the message says why, for the user.</summary>
public sealed class ConflictException : Exception
{
    public ConflictException()
        : this(ConflictKind.State, "The operation conflicts with the current state of the data.")
    {
    }

    public ConflictException(string message)
        : this(ConflictKind.State, message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = ConflictKind.State;
    }

    public ConflictException(ConflictKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ConflictKind Kind { get; }

    public static ConflictException Concurrency(string what, Exception? innerException = null) =>
        new(ConflictKind.Concurrency, $"{what} was changed by someone else in the meantime. Reload it and try again.", innerException);

    public static ConflictException Duplicate(string what, Exception? innerException = null) =>
        new(ConflictKind.Duplicate, $"{what} already exists.", innerException);
}
