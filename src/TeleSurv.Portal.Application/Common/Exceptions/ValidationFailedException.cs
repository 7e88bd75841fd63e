using FluentValidation.Results;

namespace TeleSurv.Portal.Application.Common.Exceptions;

/// <summary>
/// The request's input broke one or more rules. <see cref="Errors"/> maps each field to its messages, the shape
/// of the "errors" member of an RFC 9457 validation problem and of a form's field messages.
/// </summary>
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException()
        : this(new Dictionary<string, string[]>())
    {
    }

    public ValidationFailedException(string message)
        : base(message)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public ValidationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
        : base(DescribeFields(errors))
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors;
    }

    /// <summary>Field name (the request property's path, empty for the request as a whole) → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static ValidationFailedException From(IEnumerable<ValidationFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var errors = failures
            .GroupBy(f => f.PropertyName, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(f => f.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(),
                StringComparer.Ordinal);
        return new ValidationFailedException(errors);
    }

    // Field names only: messages may quote what the user typed, and exception messages end up in logs.
    private static string DescribeFields(IReadOnlyDictionary<string, string[]>? errors) =>
        errors is null || errors.Count == 0
            ? "The request is not valid."
            : $"The request is not valid: {string.Join(", ", errors.Keys.Select(k => k.Length == 0 ? "(request)" : k))}.";
}
