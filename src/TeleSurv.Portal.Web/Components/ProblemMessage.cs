using System.Globalization;
using Microsoft.Extensions.Localization;
using TeleSurv.Portal.Application.Common.Exceptions;

namespace TeleSurv.Portal.Web.Components;

/// <summary>What a refused or failed request tells the user: plain words, in the user's language.</summary>
public static class ProblemMessage
{
    /// <summary>The application layer writes the messages users read as "français / English".</summary>
    private const string LanguageSeparator = " / ";

    public static string For(Exception exception, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(localizer);
        return exception switch
        {
            ConflictException { Kind: ConflictKind.Concurrency } => localizer["Problem.Concurrency"],
            ConflictException conflict => InUserLanguage(conflict.Message),
            ValidationFailedException { Errors.Count: > 0 } invalid =>
                string.Join(" ", invalid.Errors.SelectMany(e => e.Value).Select(InUserLanguage).Distinct(StringComparer.Ordinal)),
            ValidationFailedException => localizer["Problem.Invalid"],
            NotFoundException => localizer["Problem.NotFound"],
            ForbiddenAccessException => localizer["Problem.Forbidden"],
            _ => localizer["Common.Error"],
        };
    }

    /// <summary>The half of a bilingual message in the current UI language; a message in one language as it is.</summary>
    public static string InUserLanguage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var at = message.IndexOf(LanguageSeparator, StringComparison.Ordinal);
        if (at < 0)
        {
            return message;
        }

        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
            ? message[(at + LanguageSeparator.Length)..]
            : message[..at];
    }
}
