using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;
using static TeleSurv.Portal.Domain.Tests.Alerts.AlertRulesEngineTests;

namespace TeleSurv.Portal.Domain.Tests.Alerts;

public class ExpectedLevelSuppressionTests
{
    private static readonly DateTime At = new(2025, 3, 10, 9, 30, 0, DateTimeKind.Utc);
    private static readonly AlertRulesEngine Engine = new(new AlertRuleOptions());

    public static TheoryData<string, int, bool> SevereCases() => new()
    {
        // description, expected level's max grade, fires
        { "at the level", 3, false },
        { "above the level", 2, true },
        { "far above the level", 0, true },
    };

    [Theory]
    [MemberData(nameof(SevereCases))]
    public void A_severe_symptom_at_or_below_the_expected_level_does_not_alert(string description, int maxGrade, bool fires)
    {
        var decision = Engine.EvaluateResponse(Input(
            Grades(("pain", 3)), expected: [Level("pain", maxGrade, At.AddDays(-5), At.AddDays(25))], at: At));

        Assert.True(fires == decision is not null, description);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(1, true)]
    public void A_worsening_symptom_is_suppressed_the_same_way(int maxGrade, bool fires)
    {
        var decision = Engine.EvaluateResponse(Input(
            Grades(("nausea", 2)),
            previous: Grades(("nausea", 0)),
            expected: [Level("nausea", maxGrade, At.AddDays(-1), At.AddDays(1))],
            at: At));

        Assert.Equal(fires, decision is not null);
    }

    public static TheoryData<string, ExpectedLevel, bool> Validity() => new()
    {
        { "starts exactly now", Level("pain", 3, At, At.AddDays(30)), false },
        { "ends one tick later", Level("pain", 3, At.AddDays(-30), At.AddTicks(1)), false },
        { "ended exactly now", Level("pain", 3, At.AddDays(-30), At), true },
        { "expired yesterday", Level("pain", 3, At.AddDays(-31), At.AddDays(-1)), true },
        { "not started yet", Level("pain", 3, At.AddTicks(1), At.AddDays(30)), true },
        { "cancelled", Level("pain", 3, At.AddDays(-1), At.AddDays(29), cancelledAt: At.AddHours(-1)), true },
        { "for another symptom", Level("fatigue", 3, At.AddDays(-1), At.AddDays(29)), true },
    };

    [Theory]
    [MemberData(nameof(Validity))]
    public void Only_a_level_that_applies_at_the_time_of_the_response_suppresses(
        string description, ExpectedLevel level, bool fires)
    {
        var decision = Engine.EvaluateResponse(Input(Grades(("pain", 3)), expected: [level], at: At));

        Assert.True(fires == decision is not null, description);
    }

    [Fact]
    public void The_most_recently_set_level_is_the_one_that_counts()
    {
        ExpectedLevel[] levels =
        [
            Level("pain", 3, At.AddDays(-10), At.AddDays(20)),
            Level("pain", 2, At.AddDays(-2), At.AddDays(28)),
        ];

        Assert.Null(Engine.EvaluateResponse(Input(Grades(("pain", 3)), expected: levels[..1], at: At)));
        Assert.NotNull(Engine.EvaluateResponse(Input(Grades(("pain", 3)), expected: levels, at: At)));
        Assert.NotNull(Engine.EvaluateResponse(Input(Grades(("pain", 3)), expected: [.. levels.Reverse()], at: At)));
    }

    [Fact]
    public void Suppression_keeps_the_other_findings_and_never_hides_fever_or_urgency()
    {
        var decision = Engine.EvaluateResponse(Input(
            Grades(("pain", 3), ("fatigue", 3)),
            temperature: 38.4m,
            cytotoxic: true,
            urgent: true,
            expected: [Level("pain", 3, At.AddDays(-1), At.AddDays(29))],
            at: At));

        Assert.Equal(
            [(AlertRule.SuspectedFebrileNeutropenia, null), (AlertRule.SevereSymptom, "fatigue"), (AlertRule.PatientUrgency, null)],
            decision!.Findings.Select(f => (f.Rule, f.ItemKey)));
        Assert.Equal("fatigue", decision.WorstItemKey);
    }

    private static ExpectedLevel Level(string key, int maxGrade, DateTime from, DateTime until, DateTime? cancelledAt = null) =>
        new()
        {
            ItemKey = key,
            MaxGrade = maxGrade,
            From = from,
            Until = until,
            CancelledAt = cancelledAt,
        };
}
