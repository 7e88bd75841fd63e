using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Domain.Enrollments;

namespace TeleSurv.Portal.Application.Common.Security;

/// <summary>
/// Fail-closed access check: the request's declared rule (role), then its establishment, patient and alert scope.
/// A patient or alert outside the user's establishments is reported as not found, exactly like a missing one.
/// </summary>
internal sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser user, IPortalDbContextFactory dbContextFactory)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    private static readonly AccessRule Rule = AccessRule.For(typeof(TRequest));

    public async ValueTask<TResponse> Handle(TRequest request, MessageHandlerDelegate<TRequest, TResponse> nextStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nextStep);
        var rule = Rule;
        if (!rule.IsValid)
        {
            throw new ForbiddenAccessException(rule.Problem!);
        }

        if (rule.AllowsAnonymous)
        {
            return await nextStep(request, cancellationToken);
        }

        if (!user.IsAuthenticated || user.StaffMemberId is null || user.Role is not { } role)
        {
            throw new ForbiddenAccessException($"{typeof(TRequest).Name} requires a signed-in member of staff.");
        }

        if (!rule.Roles.Contains(role))
        {
            throw new ForbiddenAccessException($"The role {role} may not send {typeof(TRequest).Name}.");
        }

        if (request is IEstablishmentScopedRequest scoped && !user.EstablishmentIds.Contains(scoped.EstablishmentId))
        {
            throw new ForbiddenAccessException($"{typeof(TRequest).Name} concerns an establishment the user does not work for.");
        }

        if (request is IEstablishmentFilteredRequest { EstablishmentId: { } filter } && !user.EstablishmentIds.Contains(filter))
        {
            throw new ForbiddenAccessException($"{typeof(TRequest).Name} is filtered on an establishment the user does not work for.");
        }

        if (rule.IsPatientScoped || rule.IsAlertScoped)
        {
            await CheckRecordScopeAsync(request, cancellationToken);
        }

        return await nextStep(request, cancellationToken);
    }

    private async Task CheckRecordScopeAsync(TRequest request, CancellationToken cancellationToken)
    {
        var establishmentIds = user.EstablishmentIds.ToArray();
        var db = await dbContextFactory.CreateAsync(cancellationToken);
        await using (db)
        {
            if (request is IAlertScopedRequest alertScoped)
            {
                var alert = await db.Alerts.AsNoTracking()
                    .Where(a => a.Id == alertScoped.AlertId && establishmentIds.Contains(a.EstablishmentId))
                    .Select(a => new { a.PatientId, a.EstablishmentId })
                    .FirstOrDefaultAsync(cancellationToken)
                    ?? throw new OutOfScopeException("Alert", alertScoped.AlertId);

                if (AuditDetails.Current is { } details)
                {
                    details.PatientId ??= alert.PatientId;
                    details.EstablishmentId ??= alert.EstablishmentId;
                }
            }

            if (request is IPatientScopedRequest patientScoped)
            {
                var patients = await db.VisiblePatientsAsync(user, cancellationToken);
                if (!await patients.AnyAsync(p => p.Id == patientScoped.PatientId, cancellationToken))
                {
                    throw new OutOfScopeException("Patient", patientScoped.PatientId);
                }

                if (AuditDetails.Current is { EstablishmentId: null } details)
                {
                    // The entry names the establishment the user sees the patient through: their follow-up there,
                    // an active one first. Handlers that work on one enrolment name its establishment themselves.
                    details.EstablishmentId = await db.Enrollments.AsNoTracking()
                        .Where(e => e.PatientId == patientScoped.PatientId && establishmentIds.Contains(e.EstablishmentId))
                        .OrderBy(e => e.Status == EnrollmentStatus.Active ? 0 : 1)
                        .ThenByDescending(e => e.StartDate)
                        .Select(e => (Guid?)e.EstablishmentId)
                        .FirstOrDefaultAsync(cancellationToken);
                }
            }
        }
    }
}
