using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server.Circuits;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Infrastructure;

namespace TeleSurv.Portal.Web.Security;

public static class AuthenticationSetup
{
    public const string SignInPath = "/account/signin";

    /// <summary>Cookie session, the sign-in method chosen by <c>Auth:Mode</c>, and the current-user plumbing.</summary>
    public static IServiceCollection AddPortalAuthentication(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = ReadOptions(configuration, environment);
        services.AddSingleton(options);

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "telesurv.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = SignInPath;
                cookie.AccessDeniedPath = "/account/denied";
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.IdleTimeoutMinutes);
                cookie.SlidingExpiration = true;
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();

        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<CircuitHandler, CurrentUserCircuitHandler>();
        return services;
    }

    private static AuthOptions ReadOptions(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(AuthOptions.Section);
        var options = new AuthOptions();
        var mode = section["Mode"];
        if (!string.IsNullOrWhiteSpace(mode))
        {
            if (!Enum.TryParse<AuthMode>(mode, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                throw new PortalConfigurationException(
                    $"Auth:Mode '{mode}' is not supported: use {string.Join(" or ", Enum.GetNames<AuthMode>())}.");
            }

            options.Mode = parsed;
        }

        var idle = section["IdleTimeoutMinutes"];
        if (!string.IsNullOrWhiteSpace(idle))
        {
            if (!int.TryParse(idle, out var minutes) || minutes is < 1 or > 720)
            {
                throw new PortalConfigurationException(
                    $"Auth:IdleTimeoutMinutes '{idle}' must be a whole number of minutes between 1 and 720.");
            }

            options.IdleTimeoutMinutes = minutes;
        }

        if (options.Mode == AuthMode.Demo && environment.IsProduction())
        {
            throw new PortalConfigurationException(
                "Auth:Mode is Demo, which lets anyone sign in as any demo user: it is refused in the Production environment; configure Auth:Mode=Oidc.");
        }

        if (options.Mode == AuthMode.Oidc)
        {
            throw new PortalConfigurationException(
                "Auth:Mode Oidc is not available in this version of the portal: use Auth:Mode=Demo outside Production.");
        }

        return options;
    }
}
