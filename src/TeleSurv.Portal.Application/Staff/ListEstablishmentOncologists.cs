using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Staff;

/// <summary>
/// The active oncologists of one of the user's establishments, by name: whom a nurse may address an escalation to
/// (<see cref="Alerts.EscalateToOncologistCommand.OncologistId"/> accepts exactly these). Staff directory data only,
/// no patient data: not audited.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist)]
public sealed record ListEstablishmentOncologistsQuery(Guid EstablishmentId)
    : IRequest<IReadOnlyList<StaffChoice>>, IEstablishmentScopedRequest;

internal sealed class ListEstablishmentOncologistsQueryHandler(IPortalDbContextFactory dbContextFactory)
    : IRequestHandler<ListEstablishmentOncologistsQuery, IReadOnlyList<StaffChoice>>
{
    public async ValueTask<IReadOnlyList<StaffChoice>> Handle(ListEstablishmentOncologistsQuery request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var oncologists = await db.StaffMembers.AsNoTracking()
            .Where(s => s.Role == StaffRole.Oncologist && s.IsActive
                && s.Establishments.Any(e => e.EstablishmentId == request.EstablishmentId))
            .Select(s => new StaffChoice(s.Id, s.DisplayName))
            .ToListAsync(cancellationToken);

        // Sorted here rather than in SQL: SQLite and PostgreSQL collate accented names differently.
        return [.. oncologists.OrderBy(s => s.DisplayName, StringComparer.CurrentCulture).ThenBy(s => s.StaffMemberId)];
    }
}
