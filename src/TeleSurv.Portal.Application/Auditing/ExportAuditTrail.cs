using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Auditing;

/// <summary>
/// Every entry the filter matches, oldest first, for a CSV export. Refused beyond <see cref="MaxRows"/> entries,
/// with a message asking for a narrower filter, rather than cut short silently.
/// </summary>
[RequireRole(StaffRole.Admin)]
[Audited("audit.export")]
public sealed record ExportAuditTrailQuery(AuditTrailFilter Filter) : IRequest<IReadOnlyList<AuditEntryRow>>
{
    public const int MaxRows = 50_000;
}

public sealed class ExportAuditTrailQueryValidator : AbstractValidator<ExportAuditTrailQuery>
{
    public ExportAuditTrailQueryValidator()
    {
        RuleFor(q => q.Filter).NotNull().SetValidator(new AuditTrailFilterValidator());
    }
}

internal sealed class ExportAuditTrailQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user)
    : IRequestHandler<ExportAuditTrailQuery, IReadOnlyList<AuditEntryRow>>
{
    public async ValueTask<IReadOnlyList<AuditEntryRow>> Handle(ExportAuditTrailQuery request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var entries = AuditTrailQueries.Visible(db, user, request.Filter);
        var total = await entries.CountAsync(cancellationToken);
        if (total > ExportAuditTrailQuery.MaxRows)
        {
            throw new ConflictException(
                $"{total} entries match, more than the {ExportAuditTrailQuery.MaxRows} an export may hold: narrow the period or the filters.");
        }

        var all = await entries.OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var rows = await AuditTrailQueries.ToRowsAsync(db, user, all, cancellationToken);
        AuditDetails.Current?.Detail = $"{rows.Count} entr{(rows.Count == 1 ? "y" : "ies")} exported. {AuditTrailQueries.Describe(request.Filter)}";
        return rows;
    }
}
