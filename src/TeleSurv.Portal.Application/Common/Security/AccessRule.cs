using System.Collections.Concurrent;
using System.Reflection;
using TeleSurv.Portal.Domain.Staff;

namespace TeleSurv.Portal.Application.Common.Security;

/// <summary>
/// The access rule a request type declares, read once per type. A type with no rule, with both rules, or with a
/// rule that contradicts its scoping (an anonymous request about a patient) is <see cref="IsValid"/> false, and
/// the authorization behaviour refuses it.
/// </summary>
public sealed class AccessRule
{
    private static readonly ConcurrentDictionary<Type, AccessRule> Rules = new();

    private AccessRule(Type requestType)
    {
        RequestType = requestType;
        var roles = requestType.GetCustomAttribute<RequireRoleAttribute>(inherit: false);
        var anonymous = requestType.GetCustomAttribute<AllowAnonymousRequestAttribute>(inherit: false);

        IsEstablishmentScoped = typeof(IEstablishmentScopedRequest).IsAssignableFrom(requestType);
        IsEstablishmentFiltered = typeof(IEstablishmentFilteredRequest).IsAssignableFrom(requestType);
        IsPatientScoped = typeof(IPatientScopedRequest).IsAssignableFrom(requestType);
        IsAlertScoped = typeof(IAlertScopedRequest).IsAssignableFrom(requestType);
        AllowsAnonymous = anonymous is not null;
        AnonymousReason = anonymous?.Reason;
        Roles = roles is null ? new HashSet<StaffRole>() : roles.Roles.ToHashSet();

        Problem = (roles, anonymous) switch
        {
            (null, null) => $"{requestType.Name} declares no access rule: add [RequireRole(...)] or [AllowAnonymousRequest(\"reason\")].",
            (not null, not null) => $"{requestType.Name} declares both [RequireRole] and [AllowAnonymousRequest]: keep exactly one.",
            (not null, null) when Roles.Count == 0 => $"{requestType.Name} has [RequireRole] without any role.",
            (null, not null) when IsScoped => $"{requestType.Name} is scoped to an establishment, a patient or an alert and so cannot be anonymous.",
            _ => null,
        };
    }

    public Type RequestType { get; }

    /// <summary>Roles allowed; empty for an anonymous request.</summary>
    public IReadOnlySet<StaffRole> Roles { get; }

    public bool AllowsAnonymous { get; }

    public string? AnonymousReason { get; }

    public bool IsEstablishmentScoped { get; }

    public bool IsEstablishmentFiltered { get; }

    public bool IsPatientScoped { get; }

    public bool IsAlertScoped { get; }

    public bool IsScoped => IsEstablishmentScoped || IsEstablishmentFiltered || IsPatientScoped || IsAlertScoped;

    /// <summary>Why the declared rule is unusable; null when it is valid.</summary>
    public string? Problem { get; }

    public bool IsValid => Problem is null;

    public static AccessRule For(Type requestType)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        return Rules.GetOrAdd(requestType, static t => new AccessRule(t));
    }
}
