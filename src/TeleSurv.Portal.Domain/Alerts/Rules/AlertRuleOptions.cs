using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TeleSurv.Portal.Domain.Alerts.Rules;

/// <summary>
/// Thresholds and priorities of the alert rules, bound from configuration (section "AlertRules").
/// Defaults: a symptom at composite grade 3 alerts (High); a symptom at grade 2 that rose by at least 1 since the
/// previous answered week alerts (Medium); a temperature of 38.0 °C or more is a fever (High), and 38.3 °C or more
/// under cytotoxic chemotherapy a suspected febrile neutropenia (Urgent); the patient's "needs attention today"
/// alerts (High); a week without response 3 days after its due date is a missed questionnaire (Low).
/// </summary>
public sealed class AlertRuleOptions
{
    public const string SectionName = "AlertRules";

    /// <summary>Version of the rules' logic; part of <see cref="RulesVersion"/>.</summary>
    private const int LogicVersion = 1;

    /// <summary>Composite grade (1-3) at or above which a symptom alerts on its own.</summary>
    public int SevereGrade { get; set; } = 3;

    /// <summary>Composite grade (1-3) at or above which a symptom alerts when it worsened.</summary>
    public int WorseningMinimumGrade { get; set; } = 2;

    /// <summary>Grades (1-3) a symptom must have risen by since the previous answered week to count as worsened.</summary>
    public int WorseningMinimumIncrease { get; set; } = 1;

    /// <summary>Temperature (37.0-40.0 °C) from which a fever alerts.</summary>
    public decimal FeverThresholdCelsius { get; set; } = 38.0m;

    /// <summary>Temperature under cytotoxic chemotherapy (from the fever threshold to 40.0 °C) from which febrile neutropenia is suspected.</summary>
    public decimal FebrileNeutropeniaThresholdCelsius { get; set; } = 38.3m;

    /// <summary>Full days (0-14) after a week's due date before a missing response alerts.</summary>
    public int NonResponderGraceDays { get; set; } = 3;

    public AlertPriority SevereSymptomPriority { get; set; } = AlertPriority.High;

    public AlertPriority WorseningSymptomPriority { get; set; } = AlertPriority.Medium;

    public AlertPriority FeverPriority { get; set; } = AlertPriority.High;

    public AlertPriority SuspectedFebrileNeutropeniaPriority { get; set; } = AlertPriority.Urgent;

    public AlertPriority PatientUrgencyPriority { get; set; } = AlertPriority.High;

    public AlertPriority MissedQuestionnairePriority { get; set; } = AlertPriority.Low;

    /// <summary>
    /// Identifies this configuration of the rules, stored on every alert: the logic version and a digest of every
    /// value above, so that any change of threshold or priority gives another version.
    /// </summary>
    public string RulesVersion
    {
        get
        {
            var values = string.Join(';', Describe().Select(v => $"{v.Name}={v.Value}"));
            var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(values)));
            return string.Create(CultureInfo.InvariantCulture, $"rules-{LogicVersion}-{digest[..12]}");
        }
    }

    public AlertPriority PriorityOf(AlertRule rule) => rule switch
    {
        AlertRule.SevereSymptom => SevereSymptomPriority,
        AlertRule.WorseningSymptom => WorseningSymptomPriority,
        AlertRule.Fever => FeverPriority,
        AlertRule.SuspectedFebrileNeutropenia => SuspectedFebrileNeutropeniaPriority,
        AlertRule.PatientUrgency => PatientUrgencyPriority,
        AlertRule.MissedQuestionnaire => MissedQuestionnairePriority,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>Every problem with the values; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (SevereGrade is < 1 or > 3)
        {
            problems.Add($"{nameof(SevereGrade)} must be 1 to 3.");
        }

        if (WorseningMinimumGrade is < 1 or > 3)
        {
            problems.Add($"{nameof(WorseningMinimumGrade)} must be 1 to 3.");
        }

        if (WorseningMinimumIncrease is < 1 or > 3)
        {
            problems.Add($"{nameof(WorseningMinimumIncrease)} must be 1 to 3.");
        }

        if (FeverThresholdCelsius is < 37.0m or > 40.0m)
        {
            problems.Add($"{nameof(FeverThresholdCelsius)} must be 37.0 to 40.0 °C.");
        }

        if (FebrileNeutropeniaThresholdCelsius < FeverThresholdCelsius || FebrileNeutropeniaThresholdCelsius > 40.0m)
        {
            problems.Add($"{nameof(FebrileNeutropeniaThresholdCelsius)} must be from {nameof(FeverThresholdCelsius)} to 40.0 °C.");
        }

        if (NonResponderGraceDays is < 0 or > 14)
        {
            problems.Add($"{nameof(NonResponderGraceDays)} must be 0 to 14.");
        }

        foreach (var rule in Enum.GetValues<AlertRule>().Where(r => !Enum.IsDefined(PriorityOf(r))))
        {
            problems.Add($"The priority of {rule} is not a priority.");
        }

        return problems;
    }

    /// <exception cref="ArgumentException">The values cannot be used.</exception>
    internal AlertRuleOptions ValidatedCopy()
    {
        var problems = Validate();
        return problems.Count == 0
            ? (AlertRuleOptions)MemberwiseClone()
            : throw new ArgumentException("Invalid alert rule options: " + string.Join(" ", problems));
    }

    private IEnumerable<(string Name, string Value)> Describe()
    {
        yield return (nameof(SevereGrade), Invariant(SevereGrade));
        yield return (nameof(WorseningMinimumGrade), Invariant(WorseningMinimumGrade));
        yield return (nameof(WorseningMinimumIncrease), Invariant(WorseningMinimumIncrease));
        yield return (nameof(FeverThresholdCelsius), FeverThresholdCelsius.ToString("0.0###", CultureInfo.InvariantCulture));
        yield return (nameof(FebrileNeutropeniaThresholdCelsius), FebrileNeutropeniaThresholdCelsius.ToString("0.0###", CultureInfo.InvariantCulture));
        yield return (nameof(NonResponderGraceDays), Invariant(NonResponderGraceDays));
        foreach (var rule in Enum.GetValues<AlertRule>())
        {
            yield return ($"{rule}Priority", PriorityOf(rule).ToString());
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
