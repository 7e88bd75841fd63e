using TeleSurv.Portal.Domain.Establishments;

namespace TeleSurv.Portal.Domain.Staff;

/// <summary>A professional of the user directory: who may sign in, with which role, for which establishments.</summary>
public sealed class StaffMember : Entity
{
    /// <summary>Stable sign-in name: the identity provider's subject, or the demo login.</summary>
    public required string Login { get; set; }

    public required string DisplayName { get; set; }

    public StaffRole Role { get; set; }

    /// <summary>RPPS number, when the professional has one.</summary>
    public string? Rpps { get; set; }

    public string? Email { get; set; }

    /// <summary>Nurse team the member belongs to (alerts of a team's patients go to its queue).</summary>
    public string? Team { get; set; }

    public bool IsActive { get; set; } = true;

    public List<StaffEstablishment> Establishments { get; init; } = [];
}

/// <summary>An establishment a member of staff works for.</summary>
public sealed class StaffEstablishment
{
    public Guid StaffMemberId { get; init; }

    public Guid EstablishmentId { get; init; }

    public Establishment? Establishment { get; init; }
}
