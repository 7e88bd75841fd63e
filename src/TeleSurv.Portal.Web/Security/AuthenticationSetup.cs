using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Infrastructure;

namespace TeleSurv.Portal.Web.Security;

public static partial class AuthenticationSetup
{
    public const string SignInPath = "/account/signin";
    public const string SignInFailedPath = "/account/signin-failed";
    public const string NoAccessPath = "/account/no-access";
    public const string SignedOutPath = "/account/signed-out";

    private static readonly string[] OpenIdScopes = ["openid", "profile"];

    /// <summary>Cookie session, the sign-in method chosen by <c>Auth:Mode</c>, and the current-user plumbing.</summary>
    public static IServiceCollection AddPortalAuthentication(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = ReadOptions(configuration, environment);
        services.AddSingleton(options);

        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
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
                cookie.EventsType = typeof(StaffSessionCookieEvents);
            });
        services.AddScoped<StaffSessionCookieEvents>();
        services.AddScoped<StaffSessionCheck>();
        services.AddSingleton<StaffSessionSignals>();
        if (options.Oidc is { } oidc)
        {
            AddOidc(services, authentication, oidc);
        }

        services.AddAuthorization();
        services.AddCascadingAuthenticationState();

        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<CircuitHandler, CurrentUserCircuitHandler>();
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        return services;
    }

    private static AuthOptions ReadOptions(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(AuthOptions.Section);
        var options = new AuthOptions();
        var mode = section["Mode"];
        if (string.IsNullOrWhiteSpace(mode))
        {
            if (!environment.IsDevelopment())
            {
                throw new PortalConfigurationException(
                    $"Auth:Mode is not set: set Auth:Mode=Oidc for the hospital's single sign-on (Demo sign-in runs only in Development, or with {AuthOptions.AllowDemoOutsideDevelopmentSetting}=true).");
            }
        }
        else
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

        var revalidation = section["SessionRevalidationSeconds"];
        if (!string.IsNullOrWhiteSpace(revalidation))
        {
            if (!int.TryParse(revalidation, out var seconds) || seconds is < 5 or > 60)
            {
                throw new PortalConfigurationException(
                    $"Auth:SessionRevalidationSeconds '{revalidation}' must be a whole number of seconds between 5 and 60.");
            }

            options.SessionRevalidationSeconds = seconds;
        }

        if (options.Mode == AuthMode.Demo && !environment.IsDevelopment())
        {
            var allow = configuration[AuthOptions.AllowDemoOutsideDevelopmentSetting];
            if (!bool.TryParse(allow, out var allowed) || !allowed)
            {
                throw new PortalConfigurationException(
                    $"Auth:Mode is Demo, which lets anyone sign in as any demo user: it runs only in Development unless {AuthOptions.AllowDemoOutsideDevelopmentSetting}=true; configure Auth:Mode=Oidc.");
            }

            options.DemoOutsideDevelopment = true;
        }

        if (options.Mode == AuthMode.Oidc)
        {
            options.Oidc = OidcSettings.Read(configuration, environment);
        }

        return options;
    }

    /// <summary>Reads the identity provider's metadata before the first request (Oidc mode only).</summary>
    public static Task PrepareSignInAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService<OidcMetadata>() is { } metadata ? metadata.LoadAsync(cancellationToken) : Task.CompletedTask;
    }

    private static void AddOidc(IServiceCollection services, AuthenticationBuilder authentication, OidcSettings oidc)
    {
        // A token signed with a key the portal has not seen makes the handler ask its configuration manager for the
        // provider's keys again; by default the manager fetches them in the background and that sign-in fails. Blocking
        // lets the first sign-in after a key rollover wait for the new keys and succeed.
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);

        services.AddSingleton(oidc);
        services.AddSingleton<OidcMetadata>();
        services.AddSingleton<NonceLedger>();
        services.AddSingleton<OidcEvents>();

        authentication.AddOpenIdConnect(OidcEvents.SchemeName, "OpenID Connect", o =>
        {
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.SignOutScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.Authority = oidc.Authority.AbsoluteUri.TrimEnd('/');
            o.MetadataAddress = oidc.MetadataAddress.AbsoluteUri;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.BackchannelTimeout = oidc.MetadataTimeout;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.CallbackPath = oidc.CallbackPath;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.Scope.Clear();
            foreach (var scope in OpenIdScopes.Concat(oidc.Scopes).Distinct(StringComparer.Ordinal))
            {
                o.Scope.Add(scope);
            }

            o.GetClaimsFromUserInfoEndpoint = oidc.UseUserInfo;
            o.MapInboundClaims = false;
            o.DisableTelemetry = true;

            // The portal's session cookie carries the portal's claims and only the id_token (as the sign-out hint).
            o.SaveTokens = false;

            // The handler's remote sign-out finds the session through the cookie, which the provider's frame does not
            // carry: front-channel logout is the portal's own endpoint (FrontChannelLogout), which knows the sessions.
            o.RemoteSignOutPath = PathString.Empty;
            o.SignedOutCallbackPath = SignedOutPath;
            o.TokenValidationParameters.ClockSkew = oidc.ClockSkew;
            o.TokenValidationParameters.RequireExpirationTime = true;
            o.TokenValidationParameters.RequireAudience = true;
            o.TokenValidationParameters.TryAllIssuerSigningKeys = false;
            o.RefreshOnIssuerKeyNotFound = true;

            // The provider sends the browser back with a top-level GET: Lax is enough, and it works over http in tests.
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.EventsType = typeof(OidcEvents);
        });

        // After the handler has built its configuration manager: a key the provider no longer publishes (withdrawn,
        // perhaps because it leaked) is refused at once, rather than trusted for the hour of the "last known good"
        // configuration the manager would otherwise fall back to.
        services.PostConfigure<OpenIdConnectOptions>(OidcEvents.SchemeName, o =>
        {
            if (o.ConfigurationManager is BaseConfigurationManager manager)
            {
                manager.UseLastKnownGoodConfiguration = false;
            }
        });
    }

    /// <summary>A refused or failed sign-in lands on a page that says why in the user's words, never on an error page.</summary>
    internal static async Task RefuseSignInAsync(HttpContext context, Exception? failure)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthenticationSetup));
        if (failure is SignInRefusedException refused)
        {
            var reason = refused.Refusal.ToCode();
            LogSignInRefused(logger, reason);
            await SignInAudit.FailedAsync(context, "Oidc", reason);
            context.Response.Redirect(NoAccessPath + "?reason=" + reason);
        }
        else
        {
            var reason = SignInFailures.Classify(failure).ToCode();
            var exceptionType = failure?.GetType().Name ?? "none";
            LogSignInFailed(logger, reason, exceptionType);
            await SignInAudit.FailedAsync(context, "Oidc", reason, Domain.Auditing.AuditOutcome.Failed);
            context.Response.Redirect(SignInFailedPath + "?reason=" + reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on failed: {Reason} ({ExceptionType}).")]
    private static partial void LogSignInFailed(ILogger logger, string reason, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Single sign-on succeeded at the provider but the portal gives no access: {Reason}.")]
    private static partial void LogSignInRefused(ILogger logger, string reason);
}
