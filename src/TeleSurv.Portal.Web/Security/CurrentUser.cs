using System.Security.Claims;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// The signed-in user of the current scope. An HTTP request sets it from HttpContext.User
/// (<see cref="CurrentUserMiddleware"/>); a Blazor circuit sets it from its authentication state
/// (<see cref="CurrentUserCircuitHandler"/>), because HttpContext is not available inside a circuit.
/// </summary>
public sealed class CurrentUser : ICurrentUser
{
    private static readonly IReadOnlySet<Guid> NoEstablishments = new HashSet<Guid>();

    private ClaimsPrincipal _principal = new(new ClaimsIdentity());
    private IReadOnlySet<Guid> _establishments = NoEstablishments;

    public ClaimsPrincipal Principal
    {
        get => _principal;
        set
        {
            _principal = value;
            _establishments = value.FindAll(PortalClaims.Establishment)
                .Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty)
                .Where(id => id != Guid.Empty)
                .ToHashSet();
        }
    }

    public bool IsAuthenticated => _principal.Identity?.IsAuthenticated == true;

    public Guid? StaffMemberId =>
        Guid.TryParse(_principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) && IsAuthenticated ? id : null;

    public string Name => IsAuthenticated ? _principal.Identity?.Name ?? string.Empty : string.Empty;

    public StaffRole? Role =>
        IsAuthenticated && Enum.TryParse<StaffRole>(_principal.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public IReadOnlySet<Guid> EstablishmentIds => IsAuthenticated ? _establishments : NoEstablishments;

    public string? ClientAddress { get; set; }
}
