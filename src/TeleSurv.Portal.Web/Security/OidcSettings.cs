using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.Infrastructure;

namespace TeleSurv.Portal.Web.Security;

/// <summary>
/// The <c>Auth:Oidc</c> section: the hospital's identity provider and how its claims become a portal role and
/// establishments. Read once at start; a wrong value stops the portal with a sentence naming the setting.
/// </summary>
public sealed class OidcSettings
{
    public const string Section = "Auth:Oidc";

    /// <summary>When the claims map to several roles, the first of this order is the session's role.</summary>
    public static readonly IReadOnlyList<StaffRole> RolePrecedence = [StaffRole.Oncologist, StaffRole.Ipa, StaffRole.Ide, StaffRole.Admin];

    /// <summary>The provider's issuer URL; its metadata is read from <c>/.well-known/openid-configuration</c> under it.</summary>
    public required Uri Authority { get; init; }

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    /// <summary>Scopes asked for besides <c>openid profile</c>.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Authentication level asked of the provider (<c>acr_values</c>, e.g. <c>eidas1</c> for Pro Santé Connect); null: none.</summary>
    public string? AcrValues { get; init; }

    /// <summary>Where the provider sends the browser back with the authorization code.</summary>
    public string CallbackPath { get; init; } = "/signin-oidc";

    /// <summary>False only for a test provider served over http; refused in Production.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    /// <summary>Claim holding the user's stable identifier, the directory's login.</summary>
    public string LoginClaim { get; init; } = "sub";

    public string NameClaim { get; init; } = "name";

    public string EmailClaim { get; init; } = "email";

    /// <summary>Claim (or dotted path into nested claims) whose values give the role; null: the directory's role.</summary>
    public string? RoleClaim { get; init; }

    /// <summary>Role → claim values that grant it.</summary>
    public IReadOnlyDictionary<StaffRole, IReadOnlyList<string>> Roles { get; init; } = new Dictionary<StaffRole, IReadOnlyList<string>>();

    /// <summary>Claim (or dotted path) whose values are FINESS numbers; null: the directory's establishments.</summary>
    public string? EstablishmentClaim { get; init; }

    /// <summary>Also read the claims of the provider's userinfo endpoint (Pro Santé Connect puts the professional's data there).</summary>
    public bool UseUserInfo { get; init; }

    /// <summary>Tolerance on the id_token's lifetime for clocks that disagree.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the portal waits for the provider's metadata at start.</summary>
    public TimeSpan MetadataTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public Uri MetadataAddress => new(Authority.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration");

    /// <summary>The role the given claim values grant, by <see cref="RolePrecedence"/>; null when none does.</summary>
    public StaffRole? RoleFor(IReadOnlyCollection<string> values) =>
        RolePrecedence.Where(role => Roles.TryGetValue(role, out var granted) && granted.Any(values.Contains)).Cast<StaffRole?>().FirstOrDefault();

    public static OidcSettings Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(Section);
        var authority = Required(section, "Authority", "the identity provider's issuer URL, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0");
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var authorityUri) || authorityUri.Scheme is not ("https" or "http"))
        {
            throw new PortalConfigurationException($"{Section}:Authority '{authority}' is not an absolute http(s) URL.");
        }

        var requireHttps = Flag(section, "RequireHttpsMetadata", defaultValue: true);
        if (!requireHttps && environment.IsProduction())
        {
            throw new PortalConfigurationException($"{Section}:RequireHttpsMetadata=false is refused in the Production environment: the provider must be reached over https.");
        }

        if (requireHttps && authorityUri.Scheme != "https")
        {
            throw new PortalConfigurationException(
                $"{Section}:Authority '{authority}' must use https (only a test provider outside Production may use http, with {Section}:RequireHttpsMetadata=false).");
        }

        var callbackPath = section["CallbackPath"] is { Length: > 0 } path ? path : "/signin-oidc";
        if (callbackPath[0] != '/' || callbackPath.StartsWith("//", StringComparison.Ordinal))
        {
            throw new PortalConfigurationException($"{Section}:CallbackPath '{callbackPath}' must be a path of the portal starting with '/'.");
        }

        var roleClaim = Optional(section, "RoleClaim");
        var roles = ReadRoles(section.GetSection("Roles"));
        if (roleClaim is not null && roles.Count == 0)
        {
            throw new PortalConfigurationException($"{Section}:RoleClaim is '{roleClaim}' but {Section}:Roles maps no claim value to a role (e.g. {Section}:Roles:Ide:0=TeleSurv.IDE).");
        }

        if (roleClaim is null && roles.Count > 0)
        {
            throw new PortalConfigurationException($"{Section}:Roles is set but {Section}:RoleClaim is not: name the claim that carries those values (e.g. roles).");
        }

        return new OidcSettings
        {
            Authority = authorityUri,
            ClientId = Required(section, "ClientId", "the portal's client (application) id registered at the identity provider"),
            ClientSecret = Required(section, "ClientSecret", "the secret of the portal's client registration"),
            Scopes = ReadList(section.GetSection("Scopes"), ' ', ','),
            AcrValues = Optional(section, "AcrValues"),
            CallbackPath = callbackPath,
            RequireHttpsMetadata = requireHttps,
            LoginClaim = Optional(section, "LoginClaim") ?? "sub",
            NameClaim = Optional(section, "NameClaim") ?? "name",
            EmailClaim = Optional(section, "EmailClaim") ?? "email",
            RoleClaim = roleClaim,
            Roles = roles,
            EstablishmentClaim = Optional(section, "EstablishmentClaim"),
            UseUserInfo = Flag(section, "UseUserInfo", defaultValue: false),
            ClockSkew = TimeSpan.FromSeconds(Number(section, "ClockSkewSeconds", 120, 0, 600)),
            MetadataTimeout = TimeSpan.FromSeconds(Number(section, "MetadataTimeoutSeconds", 15, 1, 120)),
        };
    }

    private static string Required(IConfigurationSection section, string key, string what) =>
        Optional(section, key) ?? throw new PortalConfigurationException($"{Section}:{key} is required when Auth:Mode is Oidc: set it to {what}.");

    private static string? Optional(IConfigurationSection section, string key) =>
        string.IsNullOrWhiteSpace(section[key]) ? null : section[key]!.Trim();

    private static bool Flag(IConfigurationSection section, string key, bool defaultValue)
    {
        var value = Optional(section, key);
        if (value is null)
        {
            return defaultValue;
        }

        return bool.TryParse(value, out var flag)
            ? flag
            : throw new PortalConfigurationException($"{Section}:{key} '{value}' must be true or false.");
    }

    private static int Number(IConfigurationSection section, string key, int defaultValue, int min, int max)
    {
        var value = Optional(section, key);
        if (value is null)
        {
            return defaultValue;
        }

        return int.TryParse(value, out var number) && number >= min && number <= max
            ? number
            : throw new PortalConfigurationException($"{Section}:{key} '{value}' must be a whole number between {min} and {max}.");
    }

    /// <summary>A list given as array items (<c>Key:0</c>, <c>Key:1</c>) or as one value with separators.</summary>
    private static string[] ReadList(IConfigurationSection section, params char[] separators)
    {
        var items = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return [.. items
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => v!.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)];
    }

    private static Dictionary<StaffRole, IReadOnlyList<string>> ReadRoles(IConfigurationSection section)
    {
        var roles = new Dictionary<StaffRole, IReadOnlyList<string>>();
        foreach (var child in section.GetChildren())
        {
            if (!Enum.TryParse<StaffRole>(child.Key, ignoreCase: true, out var role) || !Enum.IsDefined(role) || int.TryParse(child.Key, out _))
            {
                throw new PortalConfigurationException(
                    $"{Section}:Roles:{child.Key} is not a portal role: use {string.Join(", ", Enum.GetNames<StaffRole>())}.");
            }

            var values = ReadList(child, ',');
            if (values.Length > 0)
            {
                roles[role] = values;
            }
        }

        return roles;
    }
}
