using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Abstractions;

/// <summary>Who is acting, as the sign-in established it.</summary>
/// <remarks>
/// Scoped: one per request or Blazor circuit. A request with a role rule gets through only when
/// <see cref="IsAuthenticated"/> is true and both <see cref="StaffMemberId"/> and <see cref="Role"/> are set;
/// a signed-in user without a recognised role therefore reaches nothing but anonymous requests.
/// </remarks>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    Guid? StaffMemberId { get; }

    /// <summary>Display name, written as the actor of audit entries.</summary>
    string Name { get; }

    StaffRole? Role { get; }

    /// <summary>Establishments the user works for; every patient-data query is scoped to them.</summary>
    IReadOnlySet<Guid> EstablishmentIds { get; }

    /// <summary>The client's network address when the request came over HTTP, for the trail of refused attempts.</summary>
    string? ClientAddress => null;
}
