using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Web.Tests.Support;

/// <summary>Who a component test acts as, the way components read it (<see cref="ICurrentUser"/>); the role can change mid-test.</summary>
public sealed class SignedInUser(string name, StaffRole role, params Guid[] establishments) : ICurrentUser
{
    public bool IsAuthenticated => true;

    public Guid? StaffMemberId { get; init; } = Guid.CreateVersion7();

    public string Name { get; } = name;

    public StaffRole? Role { get; set; } = role;

    public IReadOnlySet<Guid> EstablishmentIds { get; } = establishments.ToHashSet();
}
