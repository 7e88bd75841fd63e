using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Questionnaires;

namespace TeleSurv.Portal.Application.Tests.Alerts;

/// <summary>The words clinicians read about an alert: why a finding fired, what an act was, the CTCAE grades.</summary>
public sealed class TriageTextTests
{
    private static readonly DateOnly Week = new(2026, 3, 2);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static TheoryData<AlertFinding, ItemAnswer?, string, string> Findings => new()
    {
        {
            new AlertFinding { Rule = AlertRule.SevereSymptom, ItemKey = "diarrhea", Grade = 3, Priority = AlertPriority.High },
            new ItemAnswer { ItemKey = "diarrhea", Frequency = 4, CompositeGrade = 3 },
            "Grade 3 (sévère) : Selles liquides ou très molles (diarrhée) — fréquence 4",
            "Grade 3 (severe): Watery or very soft stools (diarrhoea) — frequency 4"
        },
        {
            new AlertFinding { Rule = AlertRule.WorseningSymptom, ItemKey = "pain", Grade = 2, PreviousGrade = 0, Priority = AlertPriority.Medium },
            new ItemAnswer { ItemKey = "pain", Frequency = 2, Severity = 2, Interference = 1, CompositeGrade = 2 },
            "Aggravation : Douleurs, quel que soit l'endroit, grade 0 → 2 (modéré) — fréquence 2, intensité 2, retentissement 1",
            "Worsening: Pain anywhere in your body, grade 0 → 2 (moderate) — frequency 2, severity 2, interference 1"
        },
        {
            new AlertFinding { Rule = AlertRule.SuspectedFebrileNeutropenia, Value = 38.6m, Priority = AlertPriority.Urgent },
            null,
            "Suspicion de neutropénie fébrile : 38,6 °C sous chimiothérapie cytotoxique",
            "Suspected febrile neutropenia: 38.6 °C on cytotoxic chemotherapy"
        },
        {
            new AlertFinding { Rule = AlertRule.PatientUrgency, Priority = AlertPriority.High },
            null,
            "Le patient demande l'attention de l'équipe soignante aujourd'hui",
            "The patient asks for the care team's attention today"
        },
        {
            new AlertFinding { Rule = AlertRule.MissedQuestionnaire, Priority = AlertPriority.Low },
            null,
            "Questionnaire dû le 02/03/2026 sans réponse",
            "No response to the questionnaire due 2026-03-02"
        },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void Explains_each_rule_with_its_values_in_french_and_english(AlertFinding finding, ItemAnswer? answer, string french, string english)
    {
        Assert.Equal(new LocalizedText(french, english), FindingExplanation.Explain(finding, answer, Week));
    }

    [Fact]
    public void A_presence_answer_reads_as_present_or_absent()
    {
        Assert.Equal(new LocalizedText("présent", "present"), FindingExplanation.Answers(new ItemAnswer { ItemKey = "rash", Present = true }));
    }

    [Fact]
    public void The_ctcae_table_has_the_five_general_grades_in_both_languages()
    {
        Assert.Equal([1, 2, 3, 4, 5], CtcaeGrades.All.Select(g => g.Grade));
        Assert.All(CtcaeGrades.All, g => Assert.False(string.IsNullOrWhiteSpace(g.Definition.Fr) || string.IsNullOrWhiteSpace(g.Definition.En)));
        Assert.Equal(new LocalizedText("Sévère", "Severe"), CtcaeGrades.Get(3).Name);
        Assert.StartsWith("Life-threatening consequences", CtcaeGrades.Get(4).Definition.En, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => CtcaeGrades.Get(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CtcaeGrades.Get(6));
    }

    [Fact]
    public void Describes_an_act_from_its_kind_and_details()
    {
        var consultation = TriageActionDetails.Serialize(new ConsultationDetails(new DateTime(2026, 3, 12, 13, 30, 0, DateTimeKind.Utc), "Dr PETIT"));
        var escalation = TriageActionDetails.Serialize(new EscalationDetails("Suspendre ?", EscalationUrgency.Urgent, Guid.CreateVersion7(), "Dr PETIT"));
        var decision = TriageActionDetails.Serialize(new OncologistDecisionDetails(OncologistDecisionKind.AdjustOrHoldTreatment, false));

        Assert.Equal(
            new LocalizedText("Consultation programmée : le 12/03/2026 à 14:30 avec Dr PETIT", "Consultation scheduled: on 2026-03-12 at 14:30 with Dr PETIT"),
            TriageActionText.Describe(TriageActionKind.ConsultationScheduled, consultation, Paris));
        Assert.Equal(
            new LocalizedText("Avis oncologue demandé : urgent, adressé à Dr PETIT", "Escalated to the oncologist: urgent, to Dr PETIT"),
            TriageActionText.Describe(TriageActionKind.Escalation, escalation, Paris));
        Assert.Equal(
            "Décision de l'oncologue : adaptation ou suspension du traitement",
            TriageActionText.Describe(TriageActionKind.OncologistDecision, decision, Paris).Fr);
        Assert.Equal("{\"decision\":\"adjust_or_hold_treatment\",\"resolvesAlert\":false}", decision);
    }

    [Fact]
    public void An_escalation_within_the_day_is_named_in_the_history_as_on_the_form()
    {
        var escalation = TriageActionDetails.Serialize(new EscalationDetails("Adapter ?", EscalationUrgency.Routine, null, null));

        Assert.Equal(
            new LocalizedText("Avis oncologue demandé : dans la journée", "Escalated to the oncologist: within the day"),
            TriageActionText.Describe(TriageActionKind.Escalation, escalation, Paris));
    }

    [Fact]
    public void Details_in_another_shape_leave_the_kind_alone()
    {
        Assert.Equal(
            new LocalizedText("Appel téléphonique", "Phone call"),
            TriageActionText.Describe(TriageActionKind.PhoneCall, "{\"outcome\":\"patient_reached_yesterday\"}", Paris));
        Assert.Null(TriageActionDetails.Read<PhoneCallDetails>("not json"));
    }
}
