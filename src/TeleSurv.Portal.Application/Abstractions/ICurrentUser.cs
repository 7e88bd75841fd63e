using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Abstractions;

/// <summary>Who is acting, as the sign-in established it.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    Guid? StaffMemberId { get; }

    string Name { get; }

    StaffRole? Role { get; }

    /// <summary>Establishments the user works for; every patient-data query is scoped to them.</summary>
    IReadOnlySet<Guid> EstablishmentIds { get; }
}
