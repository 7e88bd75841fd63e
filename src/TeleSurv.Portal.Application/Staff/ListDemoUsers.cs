using Mediator;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Security;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Staff;

/// <summary>Active members of staff one may sign in as on the demo sign-in page, by role then name.</summary>
/// <remarks>The web app exposes that page only in Demo mode, which it refuses in Production.</remarks>
[AllowAnonymousRequest("The demo sign-in page lists the users to sign in as, before anyone is signed in.")]
public sealed record ListDemoUsersQuery : IRequest<IReadOnlyList<DemoUser>>;

public sealed record DemoUser(Guid StaffMemberId, string Login, string DisplayName, StaffRole Role, string? Team, IReadOnlyList<string> EstablishmentNames);

internal sealed class ListDemoUsersQueryHandler(IPortalDbContextFactory dbContextFactory)
    : IRequestHandler<ListDemoUsersQuery, IReadOnlyList<DemoUser>>
{
    /// <summary>A sign-in page lists a handful of demo users; a directory this large is not a demo.</summary>
    public const int MaxUsers = 100;

    public async ValueTask<IReadOnlyList<DemoUser>> Handle(ListDemoUsersQuery request, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateAsync(cancellationToken);
        var users = await db.StaffMembers.AsNoTracking()
            .Where(s => s.IsActive)
            // Roles are stored by name: rank them in the order the sign-in page presents them.
            .OrderBy(s => s.Role == StaffRole.Ide ? 0 : s.Role == StaffRole.Ipa ? 1 : s.Role == StaffRole.Oncologist ? 2 : 3)
            .ThenBy(s => s.DisplayName)
            .ThenBy(s => s.Id)
            .Take(MaxUsers)
            .Select(s => new
            {
                s.Id,
                s.Login,
                s.DisplayName,
                s.Role,
                s.Team,
                Establishments = s.Establishments.Select(l => l.Establishment!.Name).ToList(),
            })
            .ToListAsync(cancellationToken);

        return users
            .Select(u => new DemoUser(u.Id, u.Login, u.DisplayName, u.Role, u.Team, [.. u.Establishments.Order(StringComparer.CurrentCulture)]))
            .ToList();
    }
}
