using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Tests.Support;

/// <summary>The signed-in user of a test: settable, so that one test can act as several people in turn.</summary>
public sealed class TestCurrentUser : ICurrentUser
{
    public bool IsAuthenticated { get; set; }

    public Guid? StaffMemberId { get; set; }

    public string Name { get; set; } = "anonymous";

    public StaffRole? Role { get; set; }

    public IReadOnlySet<Guid> EstablishmentIds { get; set; } = new HashSet<Guid>();

    public static TestCurrentUser Anonymous() => new();

    public static TestCurrentUser Staff(StaffRole role, params Guid[] establishmentIds) =>
        Staff(Guid.CreateVersion7(), $"Test {role}", role, establishmentIds);

    public static TestCurrentUser Staff(Guid staffMemberId, string name, StaffRole role, params Guid[] establishmentIds) => new()
    {
        IsAuthenticated = true,
        StaffMemberId = staffMemberId,
        Name = name,
        Role = role,
        EstablishmentIds = establishmentIds.ToHashSet(),
    };

    /// <summary>Becomes <paramref name="other"/> in place, for services that already hold this instance.</summary>
    public void ActAs(ICurrentUser other)
    {
        ArgumentNullException.ThrowIfNull(other);
        IsAuthenticated = other.IsAuthenticated;
        StaffMemberId = other.StaffMemberId;
        Name = other.Name;
        Role = other.Role;
        EstablishmentIds = other.EstablishmentIds.ToHashSet();
    }
}
