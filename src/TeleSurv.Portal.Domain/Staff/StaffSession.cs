namespace TeleSurv.Portal.Domain.Staff;

/// <summary>Why a staff session ended before its cookie expired.</summary>
public enum StaffSessionEnd
{
    SignedOut = 0,
    EndedByAdmin = 1,
    Deactivated = 2,
    IdleTimeout = 3,

    /// <summary>The identity provider said the user signed out there (front-channel logout).</summary>
    SignedOutAtProvider = 4,
}

/// <summary>
/// One sign-in of a member of staff, checked on every request and by every open page: the cookie alone proves
/// nothing once its session is ended here (sign-out, an admin, deactivation).
/// </summary>
public sealed class StaffSession : Entity
{
    public Guid StaffMemberId { get; init; }

    /// <summary>How the user signed in: "Demo" or "Oidc".</summary>
    public required string Method { get; init; }

    public string? ClientAddress { get; init; }

    /// <summary>
    /// The identity provider's session (<c>sid</c> of the id_token) this sign-in belongs to: what the provider's
    /// front-channel logout names, on whichever instance it arrives, after a restart too.
    /// </summary>
    public string? ProviderSessionId { get; init; }

    public const int ProviderSessionIdMaxLength = 256;

    public DateTime StartedAt { get; init; }

    /// <summary>Last request seen with this session, refreshed at most once a minute.</summary>
    public DateTime LastSeenAt { get; set; }

    public DateTime? EndedAt { get; private set; }

    public StaffSessionEnd? EndReason { get; private set; }

    public bool IsOpen => EndedAt is null;

    public void End(StaffSessionEnd reason, DateTime at)
    {
        if (EndedAt is not null)
        {
            return;
        }

        EndedAt = at;
        EndReason = reason;
    }
}
