using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Infrastructure;
using TeleSurv.Portal.Infrastructure.Oru;

namespace TeleSurv.Portal.Application.Tests.Oru;

public sealed class OruSettingsTests
{
    [Theory]
    [InlineData("Oru:CharacterSet", "8859/1", "Oru:CharacterSet must be \"UNICODE UTF-8\" or \"8859/15\".")]
    [InlineData("Oru:EaiPort", "70000", "Oru:EaiPort must be 1 to 65535.")]
    [InlineData("Oru:EaiPort", "deux", "Oru:EaiPort is \"deux\", which is not a whole number.")]
    [InlineData("Oru:SendingApplication", "TELE|SURV", "Oru:SendingApplication cannot hold |, ~, \\, & or a line break (components are separated by ^).")]
    [InlineData("Oru:Enabld", "true", "Oru:Enabld is not a setting")]
    [InlineData("Oru:Establishments:CHRIV:IppOid", "440990018", "Oru:Establishments:CHRIV:IppOid is \"440990018\", which is not an OID")]
    [InlineData("Oru:Establishments:CHRIV:IppNamespaceId", "GAM", "Oru:Establishments:CHRIV:IppOid is required")]
    [InlineData("Oru:Establishments:CHRIV:IppOd", "1.2.250.1", "Oru:Establishments:CHRIV:IppOd is not a setting")]
    [InlineData("Oru:Establishments", "1.2.250.1", "Oru:Establishments is a section")]
    public void A_wrong_setting_stops_the_portal_with_a_sentence_naming_it(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var problem = Assert.Throws<PortalConfigurationException>(() => new ServiceCollection().AddOru(configuration));

        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_establishments_ipp_authority_is_read_by_its_code_in_any_case()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Oru:Establishments:CHRIV:IppOid"] = "1.2.250.1.211.10.200.2",
            ["Oru:Establishments:CHRIV:IppNamespaceId"] = "GAM-RIVEMONT",
        }).Build();

        using var provider = new ServiceCollection().AddOru(configuration).BuildServiceProvider();
        var settings = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<OruOptions>>().Value;

        var establishment = Assert.Single(settings.Establishments, e => string.Equals(e.Key, "chriv", StringComparison.OrdinalIgnoreCase)).Value;
        Assert.Equal(("GAM-RIVEMONT", "1.2.250.1.211.10.200.2"), (establishment.IppNamespaceId, establishment.IppOid));
        Assert.Same(establishment, settings.Establishments["chriv"]);
    }

    [Fact]
    public void The_sender_needs_the_EAI_host_when_reports_are_on()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Oru:Enabled"] = "true" }).Build();

        var problem = Assert.Throws<PortalConfigurationException>(() => new ServiceCollection().AddOru(configuration));

        Assert.Contains("Oru:EaiHost is required", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sender_runs_only_when_reports_are_on_and_this_instance_sends()
    {
        static bool Registers(params (string Key, string Value)[] settings)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();
            return new ServiceCollection().AddOru(configuration).Any(d => d.ImplementationType == typeof(OruOutboxSender));
        }

        Assert.False(Registers());
        Assert.True(Registers(("Oru:Enabled", "true"), ("Oru:EaiHost", "eai.ght.local")));
        Assert.False(Registers(("Oru:Enabled", "true"), ("Oru:SenderEnabled", "false")));
    }

    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 0.998, 999)]
    [InlineData(3, 0.0, 2000)]
    [InlineData(20, 0.5, 45_000)]
    public void Waits_double_with_each_failure_up_to_the_ceiling_with_jitter_in_the_upper_half(int failures, double random, int expectedMilliseconds)
    {
        var wait = OruBackoff.Delay(failures, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), random);

        Assert.Equal(expectedMilliseconds, wait.TotalMilliseconds, precision: 0);
    }

    [Fact]
    public void Control_ids_are_twenty_characters_unique_and_ordered_by_time()
    {
        var at = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
        var ids = Enumerable.Range(0, 1000).Select(i => OruControlId.New(at.AddMilliseconds(i))).ToList();

        Assert.All(ids, id => Assert.Equal(OruOutboxMessage.ControlIdLength, id.Length));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }
}
