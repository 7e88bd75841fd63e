using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Dashboard;

/// <summary>
/// The establishments the user works for, by name: what the establishment filters of the queue and the dashboard
/// offer. Names of hospitals are not patient data, so reading them is not audited.
/// </summary>
[RequireRole(StaffRole.Ide, StaffRole.Ipa, StaffRole.Oncologist, StaffRole.Admin)]
public sealed record ListMyEstablishmentsQuery : IRequest<IReadOnlyList<EstablishmentOption>>;

public sealed record EstablishmentOption(Guid EstablishmentId, string Code, string Name);

internal sealed class ListMyEstablishmentsQueryHandler(IPortalDbContextFactory dbContextFactory, ICurrentUser user)
    : IRequestHandler<ListMyEstablishmentsQuery, IReadOnlyList<EstablishmentOption>>
{
    public async ValueTask<IReadOnlyList<EstablishmentOption>> Handle(ListMyEstablishmentsQuery request, CancellationToken cancellationToken)
    {
        var ids = user.EstablishmentIds.ToArray();
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var rows = await db.Establishments.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .Select(e => new EstablishmentOption(e.Id, e.Code, e.Name))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(e => e.Name, StringComparer.CurrentCulture)];
    }
}
