using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;

namespace TeleSurv.Portal.Domain.Tests.Alerts;

public class AlertRuleOptionsTests
{
    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var options = new AlertRuleOptions();

        Assert.Empty(options.Validate());
        Assert.Equal((3, 2, 1, 38.0m, 38.3m, 3),
            (options.SevereGrade, options.WorseningMinimumGrade, options.WorseningMinimumIncrease,
             options.FeverThresholdCelsius, options.FebrileNeutropeniaThresholdCelsius, options.NonResponderGraceDays));
        Assert.Equal(
            [AlertPriority.High, AlertPriority.Medium, AlertPriority.High, AlertPriority.Urgent, AlertPriority.High, AlertPriority.Low],
            Enum.GetValues<AlertRule>().Select(options.PriorityOf));
    }

    [Fact]
    public void The_rules_version_is_stable_for_equal_values()
    {
        Assert.Matches("^rules-1-[0-9a-f]{12}$", new AlertRuleOptions().RulesVersion);
        Assert.Equal(new AlertRuleOptions().RulesVersion, new AlertRuleOptions().RulesVersion);
        Assert.Equal(
            new AlertRuleOptions().RulesVersion,
            new AlertRuleOptions { FeverThresholdCelsius = 38.00m }.RulesVersion);
    }

    public static TheoryData<string, AlertRuleOptions> OneValueChanged() => new()
    {
        { "SevereGrade", new() { SevereGrade = 2 } },
        { "WorseningMinimumGrade", new() { WorseningMinimumGrade = 1 } },
        { "WorseningMinimumIncrease", new() { WorseningMinimumIncrease = 2 } },
        { "FeverThresholdCelsius", new() { FeverThresholdCelsius = 37.8m } },
        { "FebrileNeutropeniaThresholdCelsius", new() { FebrileNeutropeniaThresholdCelsius = 38.5m } },
        { "NonResponderGraceDays", new() { NonResponderGraceDays = 2 } },
        { "SevereSymptomPriority", new() { SevereSymptomPriority = AlertPriority.Urgent } },
        { "WorseningSymptomPriority", new() { WorseningSymptomPriority = AlertPriority.High } },
        { "FeverPriority", new() { FeverPriority = AlertPriority.Urgent } },
        { "SuspectedFebrileNeutropeniaPriority", new() { SuspectedFebrileNeutropeniaPriority = AlertPriority.High } },
        { "PatientUrgencyPriority", new() { PatientUrgencyPriority = AlertPriority.Medium } },
        { "MissedQuestionnairePriority", new() { MissedQuestionnairePriority = AlertPriority.Medium } },
    };

    [Theory]
    [MemberData(nameof(OneValueChanged))]
    public void Changing_any_value_changes_the_rules_version(string property, AlertRuleOptions changed)
    {
        Assert.False(new AlertRuleOptions().RulesVersion == changed.RulesVersion, $"{property} left the version unchanged.");
        Assert.Empty(changed.Validate());
    }

    [Fact]
    public void The_engine_keeps_the_values_it_was_built_with()
    {
        var options = new AlertRuleOptions();
        var engine = new AlertRulesEngine(options);
        var version = engine.RulesVersion;

        options.SevereGrade = 1;

        Assert.Equal(version, engine.RulesVersion);
        Assert.Null(engine.EvaluateResponse(AlertRulesEngineTests.Input(AlertRulesEngineTests.Grades(("pain", 1)))));
    }

    public static TheoryData<string, AlertRuleOptions> Invalid() => new()
    {
        { "SevereGrade", new() { SevereGrade = 0 } },
        { "SevereGrade", new() { SevereGrade = 4 } },
        { "WorseningMinimumGrade", new() { WorseningMinimumGrade = 0 } },
        { "WorseningMinimumIncrease", new() { WorseningMinimumIncrease = 0 } },
        { "FeverThresholdCelsius", new() { FeverThresholdCelsius = 36.9m } },
        { "FeverThresholdCelsius", new() { FeverThresholdCelsius = 40.1m, FebrileNeutropeniaThresholdCelsius = 40.1m } },
        { "FebrileNeutropeniaThresholdCelsius", new() { FebrileNeutropeniaThresholdCelsius = 37.9m } },
        { "FebrileNeutropeniaThresholdCelsius", new() { FebrileNeutropeniaThresholdCelsius = 40.5m } },
        { "NonResponderGraceDays", new() { NonResponderGraceDays = -1 } },
        { "NonResponderGraceDays", new() { NonResponderGraceDays = 15 } },
        { "priority of Fever", new() { FeverPriority = (AlertPriority)9 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Implausible_values_are_refused(string named, AlertRuleOptions options)
    {
        Assert.Contains(options.Validate(), p => p.Contains(named, StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => new AlertRulesEngine(options));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
