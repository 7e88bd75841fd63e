using TeleSurv.Portal.Tests.Support;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>A wrong single sign-on setting stops the portal at start with one sentence naming it.</summary>
public sealed class OidcStartupTests
{
    private static Dictionary<string, string> Oidc(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string>
        {
            ["Auth__Mode"] = "Oidc",
            ["Auth__Oidc__Authority"] = "https://idp.ght.test/realms/ght",
            ["Auth__Oidc__ClientId"] = "telesurv",
            ["Auth__Oidc__ClientSecret"] = "secret-value",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }

    public static TheoryData<string, Dictionary<string, string>, string> BadConfigurations => new()
    {
        { "no authority", Oidc(("Auth__Oidc__Authority", "")), "Auth:Oidc:Authority is required" },
        { "authority not a URL", Oidc(("Auth__Oidc__Authority", "idp.ght.test")), "Auth:Oidc:Authority 'idp.ght.test'" },
        { "http authority", Oidc(("Auth__Oidc__Authority", "http://idp.ght.test")), "must use https" },
        { "no client id", Oidc(("Auth__Oidc__ClientId", "")), "Auth:Oidc:ClientId is required" },
        { "no client secret", Oidc(("Auth__Oidc__ClientSecret", "")), "Auth:Oidc:ClientSecret is required" },
        { "unknown role", Oidc(("Auth__Oidc__RoleClaim", "roles"), ("Auth__Oidc__Roles__Nurse__0", "x")), "Auth:Oidc:Roles:Nurse is not a portal role" },
        { "role claim without roles", Oidc(("Auth__Oidc__RoleClaim", "roles")), "Auth:Oidc:Roles maps no claim value" },
        { "roles without role claim", Oidc(("Auth__Oidc__Roles__Ide__0", "x")), "Auth:Oidc:RoleClaim is not" },
        { "bad clock skew", Oidc(("Auth__Oidc__ClockSkewSeconds", "soon")), "Auth:Oidc:ClockSkewSeconds" },
        { "http metadata in production", Oidc(("ASPNETCORE_ENVIRONMENT", "Production"), ("Auth__Oidc__RequireHttpsMetadata", "false")), "Auth:Oidc:RequireHttpsMetadata=false is refused" },
        {
            "unreachable provider",
            Oidc(("Auth__Oidc__Authority", "http://127.0.0.1:1/realms/ght"), ("Auth__Oidc__RequireHttpsMetadata", "false")),
            "Auth:Oidc:Authority: the identity provider's metadata at http://127.0.0.1:1/realms/ght/.well-known/openid-configuration could not be read"
        },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task The_portal_stops_with_one_sentence_naming_the_setting(string situation, Dictionary<string, string> environment, string sentence)
    {
        environment.TryAdd("ASPNETCORE_ENVIRONMENT", "Development");

        var (exitCode, output, error) = await PortalCommandLine.RunUntilExitAsync(environment, TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 1, $"{situation}: exit code {exitCode}; {error}");
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("TeleSurv cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(sentence, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_whose_issuer_differs_from_the_authority_stops_the_portal()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        var authority = provider.Issuer.AbsoluteUri.TrimEnd('/').Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        var (exitCode, _, error) = await PortalCommandLine.RunUntilExitAsync(
            Oidc(("ASPNETCORE_ENVIRONMENT", "Development"), ("Auth__Oidc__Authority", authority), ("Auth__Oidc__RequireHttpsMetadata", "false")),
            TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("differs from the issuer", error, StringComparison.Ordinal);
    }
}
