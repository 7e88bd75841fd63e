using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.Infrastructure;

namespace TeleSurv.Portal.Application.Tests.Questionnaires;

/// <summary>The <c>Clinical</c> configuration section: the domain's defaults, strict binding, one sentence per mistake.</summary>
public sealed class ClinicalSettingsTests
{
    [Fact]
    public void Without_settings_the_domain_defaults_apply()
    {
        using var services = Build([]);

        var rules = services.GetRequiredService<IOptions<AlertRuleOptions>>().Value;
        Assert.Equal(new AlertRuleOptions().RulesVersion, rules.RulesVersion);
        Assert.Equal((3, 2, 1, 38.0m, 38.3m, 3), (rules.SevereGrade, rules.WorseningMinimumGrade, rules.WorseningMinimumIncrease, rules.FeverThresholdCelsius, rules.FebrileNeutropeniaThresholdCelsius, rules.NonResponderGraceDays));
        var sla = services.GetRequiredService<IOptions<SlaOptions>>().Value;
        Assert.Equal((2, 12, 48, 72), (sla.UrgentHours, sla.HighHours, sla.MediumHours, sla.LowHours));
        var schedule = services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
        Assert.Equal((2, "Europe/Paris"), (schedule.OpenDaysBefore, schedule.TimeZoneId));
        Assert.Equal(120, services.GetRequiredService<IOptions<PatientLinkOptions>>().Value.LifetimeDays);
        var nonResponder = services.GetRequiredService<IOptions<NonResponderOptions>>().Value;
        Assert.Equal((true, 15, 28), (nonResponder.JobEnabled, nonResponder.IntervalMinutes, nonResponder.LookbackDays));
    }

    [Fact]
    public void Settings_are_bound_in_the_invariant_culture_and_enum_names_in_any_case()
    {
        using var services = Build(new()
        {
            ["Clinical:AlertRules:FeverThresholdCelsius"] = "38.5",
            ["Clinical:AlertRules:FebrileNeutropeniaThresholdCelsius"] = "38.5",
            ["Clinical:AlertRules:PatientUrgencyPriority"] = "urgent",
            ["Clinical:AlertRules:NonResponderGraceDays"] = "2",
            ["Clinical:Sla:HighHours"] = "6",
            ["Clinical:Schedule:OpenDaysBefore"] = "1",
            ["Clinical:Schedule:TimeZoneId"] = "Europe/Brussels",
            ["Clinical:PatientLinks:LifetimeDays"] = "30",
            ["Clinical:NonResponder:IntervalMinutes"] = "5",
            ["Clinical:NonResponder:JobEnabled"] = "false",
        });

        var rules = services.GetRequiredService<IOptions<AlertRuleOptions>>().Value;
        Assert.Equal((38.5m, AlertPriority.Urgent, 2), (rules.FeverThresholdCelsius, rules.PatientUrgencyPriority, rules.NonResponderGraceDays));
        Assert.Equal(6, services.GetRequiredService<IOptions<SlaOptions>>().Value.HighHours);
        Assert.Equal((1, "Europe/Brussels"), (services.GetRequiredService<IOptions<ScheduleOptions>>().Value.OpenDaysBefore, services.GetRequiredService<IOptions<ScheduleOptions>>().Value.TimeZoneId));
        Assert.Equal(30, services.GetRequiredService<IOptions<PatientLinkOptions>>().Value.LifetimeDays);
        Assert.Equal((false, 5), (services.GetRequiredService<IOptions<NonResponderOptions>>().Value.JobEnabled, services.GetRequiredService<IOptions<NonResponderOptions>>().Value.IntervalMinutes));
    }

    public static TheoryData<string, string, string> Mistakes => new()
    {
        { "Clinical:AlertRules:SevereGrade", "4", "Clinical:AlertRules:SevereGrade must be 1 to 3." },
        { "Clinical:AlertRules:FeverThresholdCelsius", "38,5", "Clinical:AlertRules:FeverThresholdCelsius is \"38,5\", which is not a number (with a dot as decimal separator)." },
        { "Clinical:AlertRules:SevereSymptomPriority", "Critical", "Clinical:AlertRules:SevereSymptomPriority is \"Critical\", which is not one of Urgent, High, Medium, Low." },
        { "Clinical:AlertRules:SevereSymptomPriority", "7", "Clinical:AlertRules:SevereSymptomPriority is \"7\", which is not one of Urgent, High, Medium, Low." },
        { "Clinical:AlertRules:SeverGrade", "3", "Clinical:AlertRules:SeverGrade is not a setting" },
        { "Clinical:AlertRules:NonResponderGraceDays", "15", "Clinical:AlertRules:NonResponderGraceDays must be 0 to 14." },
        { "Clinical:Sla:UrgentHours", "24", "Clinical:Sla: A more urgent priority cannot have a longer SLA target." },
        { "Clinical:Sla:LowHours", "many", "Clinical:Sla:LowHours is \"many\", which is not a whole number." },
        { "Clinical:Schedule:TimeZoneId", "Mars/Olympus", "Clinical:Schedule:TimeZoneId 'Mars/Olympus' is not a known time zone." },
        { "Clinical:PatientLinks:LifetimeDays", "0", "Clinical:PatientLinks:LifetimeDays must be 1 to 366." },
        { "Clinical:NonResponder:IntervalMinutes", "0", "Clinical:NonResponder:IntervalMinutes must be 1 to 1440." },
        { "Clinical:NonResponder:JobEnabled", "yes", "Clinical:NonResponder:JobEnabled is \"yes\", which is not true or false." },
        { "Clinical:Alerts:Fever", "38", "Clinical:Alerts is not a clinical setting" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_wrong_setting_stops_the_start_with_one_sentence_naming_it(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var stopped = Assert.Throws<PortalConfigurationException>(() => new ServiceCollection().AddClinicalRules(configuration));

        Assert.StartsWith(expected, stopped.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', stopped.Message);
        Assert.EndsWith(".", stopped.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOptions();
        services.AddClinicalRules(configuration);
        return services.BuildServiceProvider();
    }
}
