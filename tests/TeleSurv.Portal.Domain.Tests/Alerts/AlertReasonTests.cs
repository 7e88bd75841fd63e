using TeleSurv.Portal.Domain.Alerts;

namespace TeleSurv.Portal.Domain.Tests.Alerts;

public class AlertReasonTests
{
    [Fact]
    public void The_reason_is_the_most_urgent_finding_not_the_highest_grade_and_counts_the_others()
    {
        AlertFinding[] findings =
        [
            new() { Rule = AlertRule.SevereSymptom, ItemKey = "mouth_throat_sores", Grade = 3, Priority = AlertPriority.High },
            new() { Rule = AlertRule.WorseningSymptom, ItemKey = "nausea", Grade = 2, PreviousGrade = 0, Priority = AlertPriority.Medium },
            new() { Rule = AlertRule.PatientUrgency, Priority = AlertPriority.High },
            new() { Rule = AlertRule.SuspectedFebrileNeutropenia, Value = 38.6m, Priority = AlertPriority.Urgent },
        ];

        var reason = AlertReason.Of(findings);

        Assert.Equal(new AlertReason(AlertRule.SuspectedFebrileNeutropenia, null, null, null, 38.6m, 3), reason);
        Assert.Equal("Suspicion de neutropénie fébrile : 38,6 °C (+3)", reason!.Text.Fr);
        Assert.Equal("Suspected febrile neutropenia: 38.6 °C (+3)", reason.Text.En);
    }

    [Fact]
    public void Among_findings_of_one_priority_the_highest_grade_then_the_steepest_rise_leads()
    {
        AlertFinding[] findings =
        [
            new() { Rule = AlertRule.WorseningSymptom, ItemKey = "nausea", Grade = 2, PreviousGrade = 1, Priority = AlertPriority.High },
            new() { Rule = AlertRule.WorseningSymptom, ItemKey = "diarrhea", Grade = 2, PreviousGrade = 0, Priority = AlertPriority.High },
            new() { Rule = AlertRule.PatientUrgency, Priority = AlertPriority.High },
        ];

        var reason = AlertReason.Of(findings)!;

        Assert.Equal(("diarrhea", 2), (reason.ItemKey, reason.Grade));
        Assert.Equal("Symptôme en aggravation : Selles liquides ou très molles (diarrhée), grade 2 (+2)", reason.Text.Fr);
    }

    [Fact]
    public void An_alert_with_one_finding_has_no_count_and_one_without_findings_no_reason()
    {
        var reason = AlertReason.Of([new AlertFinding { Rule = AlertRule.MissedQuestionnaire, Priority = AlertPriority.Low }]);

        Assert.Equal((AlertRule.MissedQuestionnaire, 0), (reason!.Rule, reason.Others));
        Assert.Equal("Questionnaire sans réponse", reason.Text.Fr);
        Assert.Null(AlertReason.Of([]));
    }
}
