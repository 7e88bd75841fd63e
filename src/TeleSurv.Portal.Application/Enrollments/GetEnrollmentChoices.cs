using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Enrollments;

/// <summary>
/// What the enrolment form offers: the admin's establishments, with the active oncologists and the nurse teams of
/// each. Staff directory data only, no patient data: not audited.
/// </summary>
[RequireRole(StaffRole.Admin)]
public sealed record GetEnrollmentChoicesQuery : IRequest<IReadOnlyList<EstablishmentChoices>>;

public sealed record EstablishmentChoices(
    Guid EstablishmentId, string Code, string Name, IReadOnlyList<StaffChoice> Oncologists, IReadOnlyList<string> NurseTeams);

public sealed record StaffChoice(Guid StaffMemberId, string DisplayName);

internal sealed class GetEnrollmentChoicesQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user)
    : IRequestHandler<GetEnrollmentChoicesQuery, IReadOnlyList<EstablishmentChoices>>
{
    public async ValueTask<IReadOnlyList<EstablishmentChoices>> Handle(GetEnrollmentChoicesQuery request, CancellationToken cancellationToken)
    {
        var ids = user.EstablishmentIds.ToArray();
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var establishments = await db.Establishments.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .OrderBy(e => e.Name)
            .Select(e => new { e.Id, e.Code, e.Name })
            .ToListAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking()
            .Where(s => s.IsActive && s.Establishments.Any(x => ids.Contains(x.EstablishmentId)))
            .Select(s => new
            {
                s.Id,
                s.DisplayName,
                s.Role,
                s.Team,
                Establishments = s.Establishments.Select(x => x.EstablishmentId).ToList(),
            })
            .ToListAsync(cancellationToken);

        return establishments.Select(e =>
        {
            var members = staff.Where(s => s.Establishments.Contains(e.Id)).ToList();
            return new EstablishmentChoices(
                e.Id,
                e.Code,
                e.Name,
                [.. members.Where(s => s.Role == StaffRole.Oncologist).OrderBy(s => s.DisplayName, StringComparer.CurrentCulture).Select(s => new StaffChoice(s.Id, s.DisplayName))],
                [.. members.Select(s => s.Team).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.CurrentCulture)]);
        }).ToList();
    }
}
