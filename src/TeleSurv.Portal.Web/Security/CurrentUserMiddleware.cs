namespace TeleSurv.Portal.Web.Security;

/// <summary>Gives the request scope's <see cref="CurrentUser"/> the principal authentication established.</summary>
public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentUser currentUser)
    {
        currentUser.Principal = context.User;
        currentUser.ClientAddress = SignInAudit.ClientAddress(context);
        return next(context);
    }
}
