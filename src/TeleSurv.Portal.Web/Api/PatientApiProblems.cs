using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.PatientLinks;

namespace TeleSurv.Portal.Web.Api;

/// <summary>
/// Turns what the application layer throws into RFC 9457 problem details for the JSON API: validation 400 with
/// field errors, a rejected link 401 (with the Bearer challenge) or 403, not found 404, conflict 409. Anything
/// else is logged and answered 500 without detail.
/// </summary>
internal sealed partial class PatientApiProblems(ILogger<PatientApiProblems> logger) : IEndpointFilter
{
    public const string Realm = "telesurv-patient";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (ValidationFailedException exception)
        {
            return Invalid(exception.Errors.ToDictionary(e => e.Key.Length == 0 ? SubmissionBody.BodyField : e.Key, e => e.Value));
        }
        catch (PatientLinkRejectedException exception) when (exception.IsInvalidCredential)
        {
            return Unauthorized(context.HttpContext, exception.Message, "invalid_token");
        }
        catch (PatientLinkRejectedException exception)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The follow-up takes no answers now.", detail: exception.Message);
        }
        catch (NotFoundException)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }
        catch (ForbiddenAccessException)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Access denied.");
        }
        catch (ConflictException exception)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict with the stored data.", detail: exception.Message);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogUnexpected(logger, exception, context.HttpContext.Request.Path);
            return Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "An unexpected error occurred.");
        }
    }

    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is not valid.", detail: "See the errors by field.");

    /// <summary>401 with the RFC 6750 challenge; no error code when no token was sent at all.</summary>
    public static IResult Unauthorized(HttpContext httpContext, string detail, string? error)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.WWWAuthenticate = error is null
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", error=\"{error}\", error_description=\"{detail.Replace("\"", "'", StringComparison.Ordinal)}\"";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid patient link is required.", detail: detail);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure of the patient API at {Path}.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
