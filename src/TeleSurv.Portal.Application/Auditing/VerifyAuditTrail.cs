using Mediator;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Auditing;

/// <summary>Walks the audit trail's hash chain and reports the first entry that was modified or deleted.</summary>
[RequireRole(StaffRole.Admin)]
[Audited("audit.verify")]
public sealed record VerifyAuditTrailQuery : IRequest<AuditChainVerification>;

internal sealed class VerifyAuditTrailQueryHandler(IAuditTrail auditTrail) : IRequestHandler<VerifyAuditTrailQuery, AuditChainVerification>
{
    public async ValueTask<AuditChainVerification> Handle(VerifyAuditTrailQuery request, CancellationToken cancellationToken)
    {
        var verification = await auditTrail.VerifyAsync(cancellationToken);
        AuditDetails.Current?.Detail = verification.IsIntact
            ? $"Intact, {verification.EntriesChecked} entries."
            : $"Broken at entry {verification.BrokenAtSequence}: {verification.Problem}";
        return verification;
    }
}
