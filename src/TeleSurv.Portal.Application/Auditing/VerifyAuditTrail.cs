using Mediator;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Auditing;

/// <summary>Walks the audit trail's keyed chain, compares it with the checkpoints of its head, and reports whether and how it was rewritten, cut short or broken.</summary>
[RequireRole(StaffRole.Admin)]
[Audited("audit.verify")]
public sealed record VerifyAuditTrailQuery : IRequest<AuditChainVerification>;

internal sealed class VerifyAuditTrailQueryHandler(IAuditTrail auditTrail) : IRequestHandler<VerifyAuditTrailQuery, AuditChainVerification>
{
    public async ValueTask<AuditChainVerification> Handle(VerifyAuditTrailQuery request, CancellationToken cancellationToken)
    {
        var verification = await auditTrail.VerifyAsync(cancellationToken);
        AuditDetails.Current?.Detail = verification.IsIntact
            ? $"Intact, {verification.EntriesChecked} entries ({verification.LegacyEntries} unkeyed), {verification.CheckpointsChecked} checkpoints."
            : $"{verification.State} at entry {verification.BrokenAtSequence}: {verification.Problem}";
        return verification;
    }
}
