namespace TeleSurv.Portal.Domain.Alerts.Rules;

/// <summary>
/// Temperature rule: at or above the fever threshold (38.0 °C) a fever; under cytotoxic chemotherapy, at or above
/// the febrile-neutropenia threshold (38.3 °C, the CTCAE single-reading criterion) a suspected febrile neutropenia.
/// </summary>
public static class FeverRule
{
    /// <summary>The rule a temperature triggers, or null when it triggers none.</summary>
    public static AlertRule? Assess(decimal? temperatureCelsius, bool cytotoxicChemotherapy, AlertRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (temperatureCelsius is not { } temperature)
        {
            return null;
        }

        if (cytotoxicChemotherapy && temperature >= options.FebrileNeutropeniaThresholdCelsius)
        {
            return AlertRule.SuspectedFebrileNeutropenia;
        }

        return temperature >= options.FeverThresholdCelsius ? AlertRule.Fever : null;
    }
}
