using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Domain.Enrollments;

namespace TeleSurv.Portal.Application.PatientLinks;

/// <summary>
/// Checks a patient's link token, for the requests that the token authenticates. Looked up by its hash, which is
/// indexed; the token itself is never stored, logged or audited.
/// </summary>
internal static class PatientLinkAccess
{
    /// <summary>Who acts, in the audit trail, when a patient uses a link.</summary>
    public const string AuditActor = "patient link";

    /// <summary>The link's state and, when it is known, its enrollment; also fills in the audit entry's patient.</summary>
    public static async Task<LinkCheck> CheckAsync(IPortalDbContext db, string? token, DateTime now, CancellationToken cancellationToken)
    {
        var audit = AuditDetails.Current;
        audit?.Actor = AuditActor;
        if (!PatientLinkToken.IsWellFormed(token))
        {
            return LinkCheck.Refused(PatientLinkStatus.Unknown, audit);
        }

        var hash = PatientLinkToken.Hash(token);
        var link = await db.PatientAccessLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null)
        {
            return LinkCheck.Refused(PatientLinkStatus.Unknown, audit);
        }

        var enrollment = await db.Enrollments.AsNoTracking().FirstAsync(e => e.Id == link.EnrollmentId, cancellationToken);
        if (audit is not null)
        {
            audit.PatientId = enrollment.PatientId;
            audit.EstablishmentId = enrollment.EstablishmentId;
            audit.SetTarget("Enrollment", enrollment.Id);
        }

        var status = link.RevokedAt is not null ? PatientLinkStatus.Revoked
            : now >= link.ExpiresAt ? PatientLinkStatus.Expired
            : enrollment.Status switch
            {
                EnrollmentStatus.Active => PatientLinkStatus.Active,
                EnrollmentStatus.Paused => PatientLinkStatus.Paused,
                _ => PatientLinkStatus.Ended,
            };
        return status == PatientLinkStatus.Active
            ? new LinkCheck(status, link, enrollment)
            : LinkCheck.Refused(status, audit, link, enrollment);
    }

    /// <summary>The enrollment of a link that may be used to answer now.</summary>
    /// <exception cref="PatientLinkRejectedException">The link cannot be used.</exception>
    public static async Task<(PatientAccessLink Link, Enrollment Enrollment)> RequireActiveAsync(
        IPortalDbContext db, string? token, DateTime now, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(db, token, now, cancellationToken);
        return check.Status == PatientLinkStatus.Active
            ? (check.Link!, check.Enrollment!)
            : throw new PatientLinkRejectedException(check.Status);
    }

    internal sealed record LinkCheck(PatientLinkStatus Status, PatientAccessLink? Link, Enrollment? Enrollment)
    {
        public static LinkCheck Refused(
            PatientLinkStatus status, AuditDetails? audit, PatientAccessLink? link = null, Enrollment? enrollment = null)
        {
            if (audit is not null)
            {
                audit.Detail = audit.ClientAddress is { } address ? $"Link refused: {status} (from {address})." : $"Link refused: {status}.";
                audit.Outcome = Domain.Auditing.AuditOutcome.Denied;
                audit.LinkRefusal = status.ToString();
            }

            return new LinkCheck(status, link, enrollment);
        }
    }
}
