using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;

namespace TeleSurv.Portal.Web.Components.Enrolment;

/// <summary>
/// Checks a form with the validator of the command it becomes, so that each field says what the application would
/// refuse before anything is sent. The validator's own messages are English (for logs and the API): the field shows
/// the <c>Enrolment.Invalid.*</c> text of the command's property, or the message in the user's language when there is none.
/// </summary>
/// <param name="validator">The command's validator, the one the mediator's pipeline runs.</param>
/// <param name="command">The command the form would send now.</param>
/// <param name="fieldOf">The form's field a property of the command comes from (most are named alike).</param>
/// <param name="localizer">The portal's texts.</param>
public sealed class CommandCheck<TCommand>(
    IValidator<TCommand> validator, Func<TCommand> command, Func<string, string> fieldOf, IStringLocalizer localizer)
{
    private Dictionary<string, string[]> refused = new(StringComparer.Ordinal);

    /// <summary>For <c>MudForm.Validation</c>: the messages of one field, named as its <c>For</c> expression names it.</summary>
    public Func<object, string, Task<IEnumerable<string>>> Validation => async (_, name) => await MessagesAsync(name);

    /// <summary>The messages of one field of the form: what the validator says now, and what the application refused last.</summary>
    public async Task<IEnumerable<string>> MessagesAsync(string field)
    {
        var result = await validator.ValidateAsync(command());
        var messages = result.Errors
            .Where(failure => fieldOf(failure.PropertyName) == field)
            .Select(Message)
            .Concat(refused.GetValueOrDefault(field) ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return messages;
    }

    /// <summary>
    /// Keeps what the application refused (a rule the form could not check, such as today's date on the server) so
    /// that the form shows it on its field; false when some of it belongs to no field the user can fill.
    /// </summary>
    public bool Refused(IReadOnlyDictionary<string, string[]> errors, IReadOnlyCollection<string> fields)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(fields);
        refused = errors
            .GroupBy(error => fieldOf(error.Key), StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => group.Select(error => Message(error.Key, error.Value)).ToArray(),
                StringComparer.Ordinal);
        return refused.Keys.All(fields.Contains);
    }

    /// <summary>Forgets the last refusal: the user changed the form since.</summary>
    public void Clear() => refused.Clear();

    private string Message(ValidationFailure failure) => Message(failure.PropertyName, [failure.ErrorMessage]);

    private string Message(string property, IEnumerable<string> messages)
    {
        var text = localizer[$"Enrolment.Invalid.{property}"];
        return text.ResourceNotFound
            ? string.Join(" ", messages.Select(ProblemMessage.InUserLanguage).Distinct(StringComparer.Ordinal))
            : text.Value;
    }
}
