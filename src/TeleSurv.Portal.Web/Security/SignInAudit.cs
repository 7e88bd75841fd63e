using System.Security.Claims;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Domain.Auditing;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// Audit entries of signing in and out, written where the sign-in completes (the cookie's sign-in) and where it
/// fails, so that any sign-in handler is traced the same way.
/// </summary>
public static class SignInAudit
{
    public const string SignInAction = "account.sign-in";
    public const string SignOutAction = "account.sign-out";

    public static string? ClientAddress(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString();
    }

    public static Task SignedInAsync(HttpContext context, ClaimsPrincipal principal, string method) =>
        AppendAsync(context, principal, SignInAction, AuditOutcome.Success, $"{method} sign-in from {ClientAddress(context) ?? "unknown address"}.");

    public static Task SignedOutAsync(HttpContext context, ClaimsPrincipal principal) =>
        AppendAsync(context, principal, SignOutAction, AuditOutcome.Success, $"Signed out from {ClientAddress(context) ?? "unknown address"}.");

    public static Task SignedOutAtProviderAsync(HttpContext context, ClaimsPrincipal principal) =>
        AppendAsync(context, principal, SignOutAction, AuditOutcome.Success, "Signed out at the identity provider (front-channel logout).");

    /// <summary>A refused or failed sign-in: the reason code, never the token.</summary>
    public static Task FailedAsync(HttpContext context, string method, string reason, AuditOutcome outcome = AuditOutcome.Denied)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trail = context.RequestServices.GetRequiredService<IAuditTrail>();
        return trail.AppendAsync(new AuditRecord
        {
            Action = SignInAction,
            Outcome = outcome,
            Actor = "anonymous",
            Detail = $"{method} sign-in refused: {reason} (from {ClientAddress(context) ?? "unknown address"}).",
        }, CancellationToken.None);
    }

    private static Task<AuditEntry> AppendAsync(HttpContext context, ClaimsPrincipal principal, string action, AuditOutcome outcome, string detail)
    {
        var trail = context.RequestServices.GetRequiredService<IAuditTrail>();
        var staffMemberId = principal.StaffMemberId();
        return trail.AppendAsync(new AuditRecord
        {
            Action = action,
            Outcome = outcome,
            Actor = principal.FindFirstValue(ClaimTypes.Name) ?? "anonymous",
            StaffMemberId = staffMemberId,
            Role = principal.FindFirstValue(ClaimTypes.Role),
            TargetType = staffMemberId is null ? null : "StaffMember",
            TargetId = staffMemberId?.ToString(),
            Detail = detail,
        }, CancellationToken.None);
    }
}
