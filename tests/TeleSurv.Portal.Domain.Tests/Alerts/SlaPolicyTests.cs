using System.Globalization;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;

namespace TeleSurv.Portal.Domain.Tests.Alerts;

public class SlaPolicyTests
{
    // A Friday evening: the clock runs through the night and the weekend.
    private static readonly DateTime FridayEvening = new(2025, 3, 7, 18, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(AlertPriority.Urgent, "2025-03-07T20:00:00")]
    [InlineData(AlertPriority.High, "2025-03-08T06:00:00")]
    [InlineData(AlertPriority.Medium, "2025-03-09T18:00:00")]
    [InlineData(AlertPriority.Low, "2025-03-10T18:00:00")]
    public void The_default_targets_run_on_calendar_time(AlertPriority priority, string due)
    {
        var policy = new SlaPolicy(new SlaOptions());

        var expected = DateTime.Parse(
            due, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        Assert.Equal(expected, policy.DueAt(FridayEvening, priority));
    }

    [Fact]
    public void Targets_come_from_the_options_and_the_policy_keeps_its_own_copy()
    {
        var options = new SlaOptions { UrgentHours = 1, HighHours = 4, MediumHours = 24, LowHours = 96 };
        var policy = new SlaPolicy(options);
        options.UrgentHours = 8;

        Assert.Equal(FridayEvening.AddHours(1), policy.DueAt(FridayEvening, AlertPriority.Urgent));
        Assert.Equal(FridayEvening.AddHours(96), policy.DueAt(FridayEvening, AlertPriority.Low));
    }

    [Theory]
    [InlineData(0, 12, 48, 72, "1 to 720 hours")]
    [InlineData(2, 12, 48, 721, "1 to 720 hours")]
    [InlineData(12, 2, 48, 72, "longer SLA target")]
    [InlineData(2, 12, 80, 72, "longer SLA target")]
    public void Invalid_targets_are_refused(int urgent, int high, int medium, int low, string reason)
    {
        var options = new SlaOptions { UrgentHours = urgent, HighHours = high, MediumHours = medium, LowHours = low };

        Assert.Contains(options.Validate(), p => p.Contains(reason, StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new SlaPolicy(options));
    }

    [Fact]
    public void A_local_raise_time_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SlaPolicy(new SlaOptions()).DueAt(DateTime.Now, AlertPriority.High));
    }

    [Fact]
    public void A_decision_becomes_an_open_alert_with_its_sla_due_time()
    {
        var engine = new AlertRulesEngine(new AlertRuleOptions());
        var decision = engine.EvaluateResponse(AlertRulesEngineTests.Input(
            AlertRulesEngineTests.Grades(("pain", 3)), previous: AlertRulesEngineTests.Grades(("pain", 1))))!;
        var (patient, enrollment, establishment, response) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var alert = decision.CreateAlert(
            patient, enrollment, establishment, response, new DateOnly(2025, 3, 10), FridayEvening, new SlaPolicy(new SlaOptions()));

        Assert.Equal((patient, enrollment, establishment, (Guid?)response), (alert.PatientId, alert.EnrollmentId, alert.EstablishmentId, alert.ResponseId));
        Assert.Equal((AlertKind.Response, AlertPriority.High, AlertStatus.Open), (alert.Kind, alert.Priority, alert.Status));
        Assert.Equal((FridayEvening, FridayEvening.AddHours(12)), (alert.RaisedAt, alert.SlaDueAt));
        Assert.Equal(("pain", (int?)3, true), (alert.WorstItemKey, alert.WorstGrade, alert.Worsened));
        Assert.Equal(engine.RulesVersion, alert.RulesVersion);
        Assert.Equal(decision.Findings, alert.Findings);
        Assert.Equal(new DateOnly(2025, 3, 10), alert.WeekDueDate);
    }

    [Fact]
    public void A_response_alert_needs_its_response_and_a_missed_week_alert_has_none()
    {
        var engine = new AlertRulesEngine(new AlertRuleOptions());
        var sla = new SlaPolicy(new SlaOptions());
        var response = engine.EvaluateResponse(AlertRulesEngineTests.Input(AlertRulesEngineTests.Grades(("pain", 3))))!;
        var missed = engine.EvaluateMissedWeek(new DateOnly(2025, 3, 3), FridayEvening, false, TimeZoneInfo.Utc)!;

        Assert.Throws<ArgumentException>(() => response.CreateAlert(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, new DateOnly(2025, 3, 3), FridayEvening, sla));
        Assert.Throws<ArgumentException>(() => missed.CreateAlert(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2025, 3, 3), FridayEvening, sla));
        var alert = missed.CreateAlert(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, new DateOnly(2025, 3, 3), FridayEvening, sla);
        Assert.Equal((AlertKind.NonResponder, FridayEvening.AddHours(72)), (alert.Kind, alert.SlaDueAt));
    }
}
