using System.Globalization;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>
/// Why an alert is in a list: its highest-priority finding, and how many other findings it holds. An alert urgent
/// for its fever is shown for its fever, not for the severe symptom that came with it.
/// </summary>
/// <param name="Others">The alert's other findings, shown as "+N".</param>
public sealed record AlertReason(AlertRule Rule, string? ItemKey, int? Grade, int? PreviousGrade, decimal? Value, int Others)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>
    /// Findings from the most to the least urgent: priority, then the highest grade, then the steepest rise, then
    /// the rules' own order; the order of the alert page, the report and the ORU message.
    /// </summary>
    public static IEnumerable<AlertFinding> InPriorityOrder(IEnumerable<AlertFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings
            .OrderBy(f => f.Priority)
            .ThenByDescending(f => f.Grade ?? -1)
            .ThenByDescending(f => f.Grade - f.PreviousGrade ?? 0)
            .ThenBy(f => f.Rule)
            .ThenBy(f => f.ItemKey is null ? int.MaxValue : FindingExplanation.QuestionnaireOrder(f.ItemKey));
    }

    /// <summary>The reason of an alert with these findings; null when it has none.</summary>
    public static AlertReason? Of(IEnumerable<AlertFinding> findings)
    {
        var ordered = InPriorityOrder(findings).ToList();
        if (ordered.Count == 0)
        {
            return null;
        }

        var lead = ordered[0];
        return new AlertReason(lead.Rule, lead.ItemKey, lead.Grade, lead.PreviousGrade, lead.Value, ordered.Count - 1);
    }

    /// <summary>In words, e.g. "Suspicion de neutropénie fébrile : 38,6 °C (+3)".</summary>
    public LocalizedText Text
    {
        get
        {
            var rule = FindingExplanation.RuleName(Rule);
            var (fr, en) = (rule.Fr, rule.En);
            if (ItemKey is not null)
            {
                var item = FindingExplanation.ItemLabel(ItemKey);
                fr += $" : {item.Fr}";
                en += $": {item.En}";
                if (Grade is { } grade)
                {
                    fr += string.Create(French, $", grade {grade}");
                    en += string.Create(CultureInfo.InvariantCulture, $", grade {grade}");
                }
            }
            else if (Value is { } value)
            {
                fr += string.Create(French, $" : {value:0.0} °C");
                en += string.Create(CultureInfo.InvariantCulture, $": {value:0.0} °C");
            }

            return Others == 0
                ? new LocalizedText(fr, en)
                : new LocalizedText(
                    string.Create(French, $"{fr} (+{Others})"),
                    string.Create(CultureInfo.InvariantCulture, $"{en} (+{Others})"));
        }
    }
}
