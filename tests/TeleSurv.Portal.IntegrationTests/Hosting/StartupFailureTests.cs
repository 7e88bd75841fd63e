using TeleSurv.Portal.Tests.Support;

namespace TeleSurv.Portal.IntegrationTests.Hosting;

/// <summary>Bad configuration stops the portal at start with one sentence naming the setting, never a stack trace.</summary>
public sealed class StartupFailureTests
{
    public static TheoryData<string, Dictionary<string, string>, string> BadConfigurations => new()
    {
        {
            "unknown provider",
            new() { ["Database__Provider"] = "Oracle" },
            "Database:Provider"
        },
        {
            "postgres without connection string",
            new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Portal"] = "" },
            "ConnectionStrings:Portal"
        },
        {
            "unreachable postgres",
            new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__Portal"] = "Host=127.0.0.1;Port=1;Database=telesurv;Username=telesurv;Password=secret-value;Timeout=3" },
            "cannot be reached"
        },
        {
            "demo sign-in in production",
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Auth__Mode"] = "Demo" },
            "Auth:Mode"
        },
        {
            "demo sign-in in staging without saying so",
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Staging", ["Auth__Mode"] = "Demo" },
            "Demo:AllowSignInOutsideDevelopment"
        },
        {
            "demo sign-in allowed in name only",
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Staging", ["Auth__Mode"] = "Demo", ["Demo__AllowSignInOutsideDevelopment"] = "yes" },
            "Demo:AllowSignInOutsideDevelopment"
        },
        {
            "no sign-in mode outside development",
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Staging" },
            "Auth:Mode is not set"
        },
        {
            "no audit chain key outside development",
            new()
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Auth__Mode"] = "Oidc",
                ["Auth__Oidc__Authority"] = "https://idp.ght.test/realms/ght",
                ["Auth__Oidc__ClientId"] = "telesurv",
                ["Auth__Oidc__ClientSecret"] = "secret-value",
            },
            "Audit:ChainKeys (or Audit:ChainKeyFile) is not set"
        },
        {
            "malformed reverse proxy address",
            new() { ["Network__KnownProxies__0"] = "127.0.0.1", ["Network__KnownProxies__1"] = "10.0.0.300" },
            "Network:KnownProxies '10.0.0.300'"
        },
        {
            "host name instead of a reverse proxy address",
            new() { ["Network__KnownProxies"] = "10.0.0.5, proxy.ght.local" },
            "Network:KnownProxies 'proxy.ght.local'"
        },
        {
            "unknown sign-in mode",
            new() { ["Auth__Mode"] = "Kerberos" },
            "Auth:Mode"
        },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task The_portal_stops_with_one_clear_sentence(string situation, Dictionary<string, string> environment, string namedSetting)
    {
        var settings = new Dictionary<string, string>(environment);
        settings.TryAdd("ASPNETCORE_ENVIRONMENT", "Development");

        var (exitCode, output, error) = await PortalCommandLine.RunUntilExitAsync(settings, TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 1, $"{situation}: exit code {exitCode}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("TeleSurv cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(namedSetting, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error + output, StringComparison.Ordinal);
    }
}
