using System.Reflection;
using Mediator;
using Microsoft.Extensions.Logging;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Domain.Auditing;

namespace TeleSurv.Portal.Application.Common.Auditing;

/// <summary>
/// Outermost behaviour: writes the audit entry of an <see cref="AuditedAttribute"/> request whatever its outcome,
/// and of any request refused by authorization, audited or not, so that every denied attempt is traced.
/// </summary>
/// <remarks>
/// A successful request returns only once its entry is written: a read whose trace cannot be kept does not
/// deliver its data. Entries go to the database; the logger gets no patient data, only the request type.
/// </remarks>
internal sealed partial class AuditBehaviour<TRequest, TResponse>(
    ICurrentUser user,
    IAuditTrail auditTrail,
    RefusedLinkBursts refusedLinks,
    ILogger<AuditBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    private static readonly string? AuditedAction = typeof(TRequest).GetCustomAttribute<AuditedAttribute>(inherit: false)?.Action;

    private static string DeniedAction => "denied." + typeof(TRequest).Name;

    public async ValueTask<TResponse> Handle(TRequest request, MessageHandlerDelegate<TRequest, TResponse> nextStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nextStep);
        var previous = AuditDetails.Current;
        var details = AuditDetails.Begin();
        details.ClientAddress = user.ClientAddress;
        try
        {
            DescribeTarget(request, details);
            TResponse response;
            try
            {
                response = await nextStep(request, cancellationToken);
            }
            catch (Exception exception) when (Classify(exception) is var (outcome, reason) && (AuditedAction is not null || outcome == AuditOutcome.Denied))
            {
                await AppendAfterFailureAsync(AuditedAction ?? DeniedAction, outcome, reason, details, exception);
                throw;
            }

            if (AuditedAction is not null && IsWrittenAlone(details))
            {
                // The act is done: its trace is written even if the caller has gone in the meantime.
                await auditTrail.AppendAsync(ToRecord(AuditedAction, details.Outcome ?? AuditOutcome.Success, details, details.Detail), CancellationToken.None);
            }

            return response;
        }
        finally
        {
            AuditDetails.End(previous);
        }
    }

    private static void DescribeTarget(TRequest request, AuditDetails details)
    {
        switch (request)
        {
            case IEstablishmentScopedRequest scoped:
                details.EstablishmentId = scoped.EstablishmentId;
                break;
            case IEstablishmentFilteredRequest filtered:
                details.EstablishmentId = filtered.EstablishmentId;
                break;
        }

        if (request is IPatientScopedRequest patient)
        {
            details.PatientId = patient.PatientId;
            details.SetTarget("Patient", patient.PatientId);
        }

        // The alert is the more precise target when a request names both.
        if (request is IAlertScopedRequest alert)
        {
            details.SetTarget("Alert", alert.AlertId);
        }
    }

    private static (AuditOutcome Outcome, string Reason) Classify(Exception exception) => exception switch
    {
        ForbiddenAccessException forbidden => (AuditOutcome.Denied, forbidden.Message),
        OutOfScopeException outOfScope => (AuditOutcome.Denied, $"{outOfScope.TargetType} outside the user's establishments or absent."),
        NotFoundException notFound => (AuditOutcome.Failed, notFound.TargetType is null ? "Not found." : $"{notFound.TargetType} not found."),
        ValidationFailedException invalid => (AuditOutcome.Failed, "Invalid: " + string.Join(", ", invalid.Errors.Keys)),
        ConflictException conflict => (AuditOutcome.Failed, "Conflict: " + conflict.Kind),
        OperationCanceledException => (AuditOutcome.Failed, "Cancelled."),

        // The handler's detail says which link state refused it.
        PatientLinkRejectedException => (AuditOutcome.Denied, string.Empty),

        // Unexpected errors: the type only, as their messages may carry data.
        _ => (AuditOutcome.Failed, "Error: " + exception.GetType().Name),
    };

    /// <summary>False for a refused patient link past its address's threshold: its burst's summary counts it instead.</summary>
    private bool IsWrittenAlone(AuditDetails details) =>
        details.LinkRefusal is not { } refusal || refusedLinks.Admit(details.ClientAddress, refusal);

    private async Task AppendAfterFailureAsync(string action, AuditOutcome outcome, string reason, AuditDetails details, Exception original)
    {
        if (!IsWrittenAlone(details))
        {
            return;
        }

        var detail = details.Detail is null ? reason : reason.Length == 0 ? details.Detail : $"{reason} {details.Detail}";
        try
        {
            await auditTrail.AppendAsync(ToRecord(action, outcome, details, detail), CancellationToken.None);
        }
        catch (Exception auditFailure) when (auditFailure is not OutOfMemoryException)
        {
            // The request's own failure is what the caller must see; the lost trace is reported loudly instead.
            LogAuditWriteFailed(logger, auditFailure, typeof(TRequest).Name, outcome, original.GetType().Name);
        }
    }

    private AuditRecord ToRecord(string action, AuditOutcome outcome, AuditDetails details, string? detail) => new()
    {
        Action = action,
        Outcome = outcome,
        Actor = details.Actor ?? (user.IsAuthenticated ? user.Name : "anonymous"),
        StaffMemberId = user.StaffMemberId,
        Role = user.Role?.ToString(),
        EstablishmentId = details.EstablishmentId,
        TargetType = details.TargetType,
        TargetId = details.TargetId,
        PatientId = details.PatientId,
        Detail = detail,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit entry of a {RequestType} request ({Outcome}, {ExceptionType}) could not be written.")]
    private static partial void LogAuditWriteFailed(ILogger logger, Exception exception, string requestType, AuditOutcome outcome, string exceptionType);
}
