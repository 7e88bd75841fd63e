namespace TeleSurv.Portal.Web.Security;

public enum AuthMode
{
    /// <summary>
    /// Pick a seeded demo user on a sign-in page: in Development, or elsewhere only with
    /// <c>Demo:AllowSignInOutsideDevelopment=true</c>.
    /// </summary>
    Demo = 0,

    /// <summary>Hospital single sign-on through an OpenID Connect provider.</summary>
    Oidc = 1,
}

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public const string AllowDemoOutsideDevelopmentSetting = "Demo:AllowSignInOutsideDevelopment";

    public AuthMode Mode { get; set; } = AuthMode.Demo;

    /// <summary>Demo sign-in runs outside Development, as allowed by <see cref="AllowDemoOutsideDevelopmentSetting"/>: the sign-in page says so in red.</summary>
    public bool DemoOutsideDevelopment { get; set; }

    /// <summary>A session unused for this long must sign in again.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>How often an open page checks that its session is still open and its member unchanged.</summary>
    public int SessionRevalidationSeconds { get; set; } = 30;

    /// <summary>The identity provider's settings, when <see cref="Mode"/> is <see cref="AuthMode.Oidc"/>.</summary>
    public OidcSettings? Oidc { get; set; }

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);
}
