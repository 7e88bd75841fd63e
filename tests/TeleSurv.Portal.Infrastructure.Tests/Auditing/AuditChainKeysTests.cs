using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting.Internal;
using TeleSurv.Portal.Infrastructure.Auditing;

namespace TeleSurv.Portal.Infrastructure.Tests.Auditing;

/// <summary>The audit chain's keys and checkpoint settings as read from configuration.</summary>
public sealed class AuditChainKeysTests : IDisposable
{
    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Repeat((byte)2, 48).ToArray());

    private readonly string _contentRoot = Directory.CreateTempSubdirectory("telesurv-keys-").FullName;

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Without_a_key_outside_development_the_portal_stops_with_one_sentence(string environment)
    {
        var error = Assert.Throws<PortalConfigurationException>(() => Read(environment));

        Assert.StartsWith("Audit:ChainKeys (or Audit:ChainKeyFile) is not set", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.EndsWith(".", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_and_a_demo_allowed_outside_it_derive_the_development_key()
    {
        var development = Read("Development");
        var demo = Read("Staging", ("Demo:AllowSignInOutsideDevelopment", "true"));

        Assert.Equal(AuditChainKeys.DevelopmentKeyId, development.CurrentKeyId);
        Assert.Equal(development.Current, demo.Current);
        Assert.Equal(AuditChainKeys.Development().Current, development.Current);
    }

    [Fact]
    public void Configured_keys_are_used_in_development_too_and_the_current_one_is_named()
    {
        var keys = Read("Development",
            ("Audit:ChainKeys:0:Id", "2026-a"), ("Audit:ChainKeys:0:Key", KeyA),
            ("Audit:ChainKeys:1:Id", "2026-b"), ("Audit:ChainKeys:1:Key", KeyB),
            ("Audit:CurrentChainKeyId", "2026-b"));

        Assert.Equal("2026-b", keys.CurrentKeyId);
        Assert.Equal(48, keys.Current.Length);
        Assert.True(keys.TryGet("2026-a", out var old));
        Assert.Equal(1, old[0]);
        Assert.False(keys.TryGet(AuditChainKeys.DevelopmentKeyId, out _));
    }

    [Fact]
    public void A_key_file_gives_one_key_per_line()
    {
        var file = Path.Combine(_contentRoot, "audit.keys");
        File.WriteAllText(file, $"# rotated each year\n2025={KeyB}\n\n2026 = {KeyA}\n");

        var keys = Read("Production", ("Audit:ChainKeyFile", "audit.keys"), ("Audit:CurrentChainKeyId", "2026"));

        Assert.Equal("2026", keys.CurrentKeyId);
        Assert.Equal(["2025", "2026"], keys.KeyIds.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("short key", "Audit:ChainKeys:0:Id=a|Audit:ChainKeys:0:Key=AAEC", "has 3 bytes; at least 32")]
    [InlineData("not base64", "Audit:ChainKeys:0:Id=a|Audit:ChainKeys:0:Key=not base64!", "is not base64")]
    [InlineData("no id", "Audit:ChainKeys:0:Key=KEYA", "the key id must be")]
    [InlineData("two keys, none current", "Audit:ChainKeys:0:Id=a|Audit:ChainKeys:0:Key=KEYA|Audit:ChainKeys:1:Id=b|Audit:ChainKeys:1:Key=KEYB", "Audit:CurrentChainKeyId is not set")]
    [InlineData("current unknown", "Audit:ChainKeys:0:Id=a|Audit:ChainKeys:0:Key=KEYA|Audit:CurrentChainKeyId=z", "Audit:CurrentChainKeyId 'z' names no")]
    [InlineData("same id twice", "Audit:ChainKeys:0:Id=a|Audit:ChainKeys:0:Key=KEYA|Audit:ChainKeys:1:Id=a|Audit:ChainKeys:1:Key=KEYB", "given twice")]
    [InlineData("missing key file", "Audit:ChainKeyFile=nowhere/audit.keys", "cannot be read")]
    public void A_wrong_key_setting_is_named(string situation, string settings, string expected)
    {
        var pairs = settings.Split('|').Select(s => s.Split('=', 2)).Select(p => (p[0], p[1].Replace("KEYA", KeyA, StringComparison.Ordinal).Replace("KEYB", KeyB, StringComparison.Ordinal))).ToArray();

        var error = Assert.Throws<PortalConfigurationException>(() => Read("Production", pairs));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{situation}: {error.Message}");
        Assert.DoesNotContain(KeyA, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_settings_are_read_and_checked()
    {
        var options = AuditCheckpointOptions.FromConfiguration(Configuration(
            ("Audit:CheckpointFile", "audit/checkpoints.log"), ("Audit:CheckpointEveryEntries", "50"), ("Audit:CheckpointEverySeconds", "0")), Environment("Production"));

        Assert.Equal((Path.Combine(_contentRoot, "audit", "checkpoints.log"), 50, 0), (options.File, options.EveryEntries, options.EverySeconds));
        var error = Assert.Throws<PortalConfigurationException>(() =>
            AuditCheckpointOptions.FromConfiguration(Configuration(("Audit:CheckpointEverySeconds", "-5")), Environment("Production")));
        Assert.Contains("Audit:CheckpointEverySeconds '-5'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Threshold", "-1")]
    [InlineData("WindowSeconds", "0")]
    [InlineData("WindowSeconds", "a minute")]
    [InlineData("MaxAddresses", "0")]
    public void Refused_link_settings_are_read_and_a_wrong_one_is_named(string key, string value)
    {
        var options = RefusedLinkBurstSettings.FromConfiguration(Configuration(
            ("Audit:RefusedLinks:Threshold", "5"), ("Audit:RefusedLinks:WindowSeconds", "120"), ("Audit:RefusedLinks:MaxAddresses", "300")));
        Assert.Equal((5, TimeSpan.FromMinutes(2), 300), (options.Threshold, options.Window, options.MaxAddresses));
        var defaults = RefusedLinkBurstSettings.FromConfiguration(Configuration());
        Assert.Equal((20, TimeSpan.FromMinutes(1), 10_000), (defaults.Threshold, defaults.Window, defaults.MaxAddresses));

        var error = Assert.Throws<PortalConfigurationException>(() => RefusedLinkBurstSettings.FromConfiguration(Configuration(($"Audit:RefusedLinks:{key}", value))));
        Assert.StartsWith($"Audit:RefusedLinks:{key} '{value}' must be a whole number between ", error.Message, StringComparison.Ordinal);
    }

    private AuditChainKeys Read(string environment, params (string Key, string Value)[] settings) =>
        AuditChainKeys.FromConfiguration(Configuration(settings), Environment(environment));

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private HostingEnvironment Environment(string name) => new()
    {
        ApplicationName = "TeleSurv.Portal.Infrastructure.Tests",
        EnvironmentName = name,
        ContentRootPath = _contentRoot,
        ContentRootFileProvider = new NullFileProvider(),
    };
}
