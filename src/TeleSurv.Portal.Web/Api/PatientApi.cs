using System.Net.Http.Headers;
using System.Security.Claims;
using Mediator;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Web.Security;

namespace TeleSurv.Portal.Web.Api;

/// <summary>
/// The patient API (<c>/api/v1</c>, documented in docs/api.md): the questionnaire to answer and the submission of
/// a week's answers, authenticated by the patient's link token as a Bearer token. No cookie is read or set, so
/// anti-forgery does not apply; a staff session cookie sent along is ignored.
/// </summary>
public static class PatientApi
{
    public const string BasePath = "/api/v1";

    /// <summary>Largest body accepted for a submission; a complete questionnaire with a long comment is a few kilobytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const string ResponseRouteName = "patient-api-response";

    public static IEndpointRouteBuilder MapPatientApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath)
            .AllowAnonymous()
            .DisableAntiforgery()
            .AddEndpointFilter<PatientApiProblems>()
            .AddEndpointFilter(IgnoreStaffSession);

        api.MapGet("/questionnaire", GetQuestionnaireAsync);
        api.MapPost("/questionnaire-responses", SubmitAsync);
        api.MapGet("/questionnaire-responses/{responseId:guid}", GetResponseAsync).WithName(ResponseRouteName);
        return endpoints;
    }

    private static async Task<IResult> GetQuestionnaireAsync(HttpContext context, ISender sender, CancellationToken cancellationToken)
    {
        if (BearerToken(context) is not { } token)
        {
            return MissingToken(context);
        }

        var resolution = await sender.Send(new ResolvePatientLinkQuery(token), cancellationToken);
        if (!resolution.IsActive)
        {
            throw new PatientLinkRejectedException(resolution.Status);
        }

        NoStore(context);
        return Results.Json(PatientApiContracts.Questionnaire(resolution.Context), PatientApiContracts.Json);
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, ISender sender, LinkGenerator links, CancellationToken cancellationToken)
    {
        if (BearerToken(context) is not { } token)
        {
            return MissingToken(context);
        }

        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be JSON.",
                detail: "Send the response with Content-Type: application/json.");
        }

        var bytes = await ReadBodyAsync(request, cancellationToken);
        if (bytes is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The body is too large.",
                detail: $"A questionnaire response is at most {MaxBodyBytes / 1024} KiB.");
        }

        var (body, errors) = SubmissionBody.Read(bytes.Value);
        if (body is null)
        {
            return PatientApiProblems.Invalid(errors);
        }

        var result = await sender.Send(
            new SubmitQuestionnaireResponseCommand
            {
                Token = token,
                Week = body.Week,
                Items = body.Items,
                TemperatureCelsius = body.TemperatureCelsius,
                WeightKg = body.WeightKg,
                PatientUrgent = body.PatientUrgent,
                Comment = body.Comment,
            },
            cancellationToken);

        NoStore(context);
        var document = PatientApiContracts.Submission(result);
        if (!result.Created)
        {
            return Results.Json(document, PatientApiContracts.Json, statusCode: StatusCodes.Status200OK);
        }

        var location = links.GetPathByName(ResponseRouteName, new { responseId = result.ResponseId })
            ?? $"{BasePath}/questionnaire-responses/{result.ResponseId}";
        context.Response.Headers.Location = location;
        return Results.Json(document, PatientApiContracts.Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetResponseAsync(Guid responseId, HttpContext context, ISender sender, CancellationToken cancellationToken)
    {
        if (BearerToken(context) is not { } token)
        {
            return MissingToken(context);
        }

        var result = await sender.Send(new GetSubmittedResponseQuery(token, responseId), cancellationToken);
        NoStore(context);
        return Results.Json(PatientApiContracts.Submission(result), PatientApiContracts.Json);
    }

    /// <summary>The Bearer token of the Authorization header; null when there is none.</summary>
    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return AuthenticationHeaderValue.TryParse(header, out var value)
            && value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(value.Parameter)
                ? value.Parameter.Trim()
                : null;
    }

    private static IResult MissingToken(HttpContext context) =>
        PatientApiProblems.Unauthorized(
            context, "Send the patient's link token in the Authorization header: Authorization: Bearer <token>.", error: null);

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // Answers and grades are health data: no shared cache keeps them.
    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";

    /// <summary>
    /// The API acts for the patient of the token only: a staff session cookie sent along must not make the
    /// requests (and their audit entries) those of a member of staff.
    /// </summary>
    private static ValueTask<object?> IgnoreStaffSession(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        context.HttpContext.User = anonymous;
        context.HttpContext.RequestServices.GetRequiredService<CurrentUser>().Principal = anonymous;
        return next(context);
    }
}
