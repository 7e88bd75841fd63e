using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;

namespace TeleSurv.Portal.Domain.Tests.Alerts;

public class NonResponderRuleTests
{
    private static readonly DateOnly Monday = new(2025, 3, 3);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData("2025-03-03T09:00:00", false)]
    [InlineData("2025-03-06T23:59:59.9999999", false)]
    [InlineData("2025-03-07T00:00:00", true)]
    [InlineData("2025-03-20T12:00:00", true)]
    public void A_week_is_missed_from_the_start_of_the_fourth_day_after_its_due_date(string now, bool missed)
    {
        var at = Utc(now);

        Assert.Equal(missed, NonResponderRule.IsMissed(Monday, 3, at, hasResponse: false, TimeZoneInfo.Utc));
        Assert.False(NonResponderRule.IsMissed(Monday, 3, at, hasResponse: true, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData(0, "2025-03-04T00:00:00")]
    [InlineData(1, "2025-03-05T00:00:00")]
    [InlineData(3, "2025-03-07T00:00:00")]
    [InlineData(7, "2025-03-11T00:00:00")]
    public void The_grace_period_counts_full_days_after_the_due_date(int graceDays, string missedAt)
    {
        Assert.Equal(Utc(missedAt), NonResponderRule.MissedAt(Monday, graceDays, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("2025-03-03", "2025-03-06T23:00:00")]
    [InlineData("2025-07-07", "2025-07-10T22:00:00")]
    [InlineData("2025-03-26", "2025-03-29T23:00:00")]
    [InlineData("2025-03-27", "2025-03-30T22:00:00")]
    public void Days_are_the_patients_calendar_days_across_clock_changes(string dueDate, string missedAt)
    {
        Assert.Equal(Utc(missedAt), NonResponderRule.MissedAt(DateOnly.Parse(dueDate, System.Globalization.CultureInfo.InvariantCulture), 3, Paris));
    }

    [Fact]
    public void A_local_time_is_refused_and_a_negative_grace_period_too()
    {
        Assert.Throws<ArgumentException>(() => NonResponderRule.IsMissed(Monday, 3, DateTime.Now, false, TimeZoneInfo.Utc));
        Assert.Throws<ArgumentOutOfRangeException>(() => NonResponderRule.MissedAt(Monday, -1, TimeZoneInfo.Utc));
    }

    [Fact]
    public void The_engine_raises_a_low_priority_missed_questionnaire_alert_once_the_grace_period_is_over()
    {
        var engine = new AlertRulesEngine(new AlertRuleOptions());

        Assert.Null(engine.EvaluateMissedWeek(Monday, Utc("2025-03-06T22:59:59"), false, Paris));
        Assert.Null(engine.EvaluateMissedWeek(Monday, Utc("2025-03-10T00:00:00"), true, Paris));
        var decision = engine.EvaluateMissedWeek(Monday, Utc("2025-03-06T23:00:00"), false, Paris);

        Assert.NotNull(decision);
        Assert.Equal((AlertKind.NonResponder, AlertPriority.Low), (decision.Kind, decision.Priority));
        var finding = Assert.Single(decision.Findings);
        Assert.Equal((AlertRule.MissedQuestionnaire, AlertPriority.Low), (finding.Rule, finding.Priority));
        Assert.Null(decision.WorstItemKey);
    }

    [Fact]
    public void The_grace_period_comes_from_the_options()
    {
        var engine = new AlertRulesEngine(new AlertRuleOptions { NonResponderGraceDays = 1 });

        Assert.Null(engine.EvaluateMissedWeek(Monday, Utc("2025-03-04T23:59:59"), false, TimeZoneInfo.Utc));
        Assert.NotNull(engine.EvaluateMissedWeek(Monday, Utc("2025-03-05T00:00:00"), false, TimeZoneInfo.Utc));
    }

    private static DateTime Utc(string text) =>
        DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
