using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common;
using TeleSurv.Portal.Application.Common.Auditing;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Auditing;

/// <summary>A page of the audit trail, newest first, as filtered by an admin (see <see cref="AuditTrailFilter"/>).</summary>
[RequireRole(StaffRole.Admin)]
[Audited("audit.search")]
public sealed record SearchAuditTrailQuery : IRequest<PagedResult<AuditEntryRow>>
{
    public AuditTrailFilter Filter { get; init; } = new();

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Paging.DefaultPageSize;
}

public sealed class SearchAuditTrailQueryValidator : AbstractValidator<SearchAuditTrailQuery>
{
    public SearchAuditTrailQueryValidator()
    {
        RuleFor(q => q.Filter).NotNull().SetValidator(new AuditTrailFilterValidator());
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

internal sealed class SearchAuditTrailQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user)
    : IRequestHandler<SearchAuditTrailQuery, PagedResult<AuditEntryRow>>
{
    public async ValueTask<PagedResult<AuditEntryRow>> Handle(SearchAuditTrailQuery request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var entries = AuditTrailQueries.Visible(db, user, request.Filter);
        var total = await entries.CountAsync(cancellationToken);
        var page = await entries
            .OrderByDescending(e => e.Sequence)
            .Skip(Paging.Skip(request.Page, request.PageSize))
            .Take(request.PageSize)
            .ToListAsync(cancellationToken);
        var rows = await AuditTrailQueries.ToRowsAsync(db, user, page, cancellationToken);
        AuditDetails.Current?.Detail = $"{total} entr{(total == 1 ? "y" : "ies")} matched, page {request.Page}. {AuditTrailQueries.Describe(request.Filter)}";
        return new PagedResult<AuditEntryRow>(rows, total, request.Page, request.PageSize);
    }
}
