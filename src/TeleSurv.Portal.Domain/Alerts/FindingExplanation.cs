using System.Globalization;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Domain.Alerts;

/// <summary>
/// Why a finding fired, in the clinician's words, from the rule and the values behind it:
/// "Grade 3 (sévère) : Nausées — fréquence 3, intensité 3". French first, English second.
/// </summary>
public static class FindingExplanation
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Name of a composite PRO-CTCAE grade (0-3).</summary>
    public static LocalizedText CompositeGradeName(int grade) => grade switch
    {
        0 => new("aucun", "none"),
        1 => new("léger", "mild"),
        2 => new("modéré", "moderate"),
        3 => new("sévère", "severe"),
        _ => new(grade.ToString(CultureInfo.InvariantCulture), grade.ToString(CultureInfo.InvariantCulture)),
    };

    public static LocalizedText RuleName(AlertRule rule) => rule switch
    {
        AlertRule.SevereSymptom => new("Symptôme sévère", "Severe symptom"),
        AlertRule.WorseningSymptom => new("Symptôme en aggravation", "Worsening symptom"),
        AlertRule.Fever => new("Fièvre", "Fever"),
        AlertRule.SuspectedFebrileNeutropenia => new("Suspicion de neutropénie fébrile", "Suspected febrile neutropenia"),
        AlertRule.PatientUrgency => new("Demande du patient", "Patient's request"),
        AlertRule.MissedQuestionnaire => new("Questionnaire sans réponse", "Missed questionnaire"),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>The label of a PRO-CTCAE item in the latest questionnaire that has it; the key itself otherwise.</summary>
    public static LocalizedText ItemLabel(string? itemKey)
    {
        if (itemKey is null)
        {
            return new(string.Empty, string.Empty);
        }

        var item = QuestionnaireCatalog.All
            .Select(q => q.Definition.FindItem(itemKey))
            .LastOrDefault(i => i is not null);
        return item?.Label ?? new(itemKey, itemKey);
    }

    /// <summary>Position of an item in the latest questionnaire that has it: symptoms are listed in the order they are asked.</summary>
    public static int QuestionnaireOrder(string itemKey)
    {
        var definition = QuestionnaireCatalog.All.LastOrDefault(q => q.Definition.FindItem(itemKey) is not null)?.Definition;
        return definition is null ? int.MaxValue : definition.Items.ToList().FindIndex(i => i.Key == itemKey);
    }

    /// <param name="finding">The finding to explain.</param>
    /// <param name="answer">The patient's answer to the finding's item, when the finding is about a symptom.</param>
    /// <param name="weekDueDate">Due date of the alert's week (named by a missed-questionnaire finding).</param>
    public static LocalizedText Explain(AlertFinding finding, ItemAnswer? answer, DateOnly weekDueDate)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Rule switch
        {
            AlertRule.SevereSymptom => Symptom(finding, answer, worsening: false),
            AlertRule.WorseningSymptom => Symptom(finding, answer, worsening: true),
            AlertRule.Fever => new(
                $"Fièvre : {Temperature(finding.Value, French)}",
                $"Fever: {Temperature(finding.Value, English)}"),
            AlertRule.SuspectedFebrileNeutropenia => new(
                $"Suspicion de neutropénie fébrile : {Temperature(finding.Value, French)} sous chimiothérapie cytotoxique",
                $"Suspected febrile neutropenia: {Temperature(finding.Value, English)} on cytotoxic chemotherapy"),
            AlertRule.PatientUrgency => new(
                "Le patient demande l'attention de l'équipe soignante aujourd'hui",
                "The patient asks for the care team's attention today"),
            AlertRule.MissedQuestionnaire => new(
                string.Create(French, $"Questionnaire dû le {weekDueDate:dd/MM/yyyy} sans réponse"),
                string.Create(English, $"No response to the questionnaire due {weekDueDate:yyyy-MM-dd}")),
            _ => RuleName(finding.Rule),
        };
    }

    /// <summary>The raw answers of an item, e.g. "fréquence 3, intensité 2" / "frequency 3, severity 2".</summary>
    public static LocalizedText Answers(ItemAnswer? answer)
    {
        if (answer is null)
        {
            return new(string.Empty, string.Empty);
        }

        var fr = new List<string>(3);
        var en = new List<string>(3);
        Add(answer.Frequency, "fréquence", "frequency");
        Add(answer.Severity, "intensité", "severity");
        Add(answer.Interference, "retentissement", "interference");
        if (answer.Present is { } present)
        {
            fr.Add(present ? "présent" : "absent");
            en.Add(present ? "present" : "absent");
        }

        return new(string.Join(", ", fr), string.Join(", ", en));

        void Add(int? score, string frName, string enName)
        {
            if (score is { } value)
            {
                fr.Add(string.Create(CultureInfo.InvariantCulture, $"{frName} {value}"));
                en.Add(string.Create(CultureInfo.InvariantCulture, $"{enName} {value}"));
            }
        }
    }

    private static LocalizedText Symptom(AlertFinding finding, ItemAnswer? answer, bool worsening)
    {
        var label = ItemLabel(finding.ItemKey);
        var grade = finding.Grade ?? 0;
        var name = CompositeGradeName(grade);
        var answers = Answers(answer);
        string fr;
        string en;
        if (worsening)
        {
            var previous = finding.PreviousGrade?.ToString(CultureInfo.InvariantCulture) ?? "?";
            fr = $"Aggravation : {label.Fr}, grade {previous} → {grade} ({name.Fr})";
            en = $"Worsening: {label.En}, grade {previous} → {grade} ({name.En})";
        }
        else
        {
            fr = string.Create(CultureInfo.InvariantCulture, $"Grade {grade} ({name.Fr}) : {label.Fr}");
            en = string.Create(CultureInfo.InvariantCulture, $"Grade {grade} ({name.En}): {label.En}");
            if (finding.PreviousGrade is { } before && before != grade)
            {
                fr += string.Create(CultureInfo.InvariantCulture, $", grade {before} la semaine précédente");
                en += string.Create(CultureInfo.InvariantCulture, $", grade {before} the week before");
            }
        }

        return answers.Fr.Length == 0 ? new(fr, en) : new($"{fr} — {answers.Fr}", $"{en} — {answers.En}");
    }

    private static string Temperature(decimal? value, CultureInfo culture) =>
        value is { } celsius ? string.Create(culture, $"{celsius:0.0} °C") : "?";
}
