using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Questionnaires;
using static TeleSurv.Portal.Domain.Alerts.AlertRule;

namespace TeleSurv.Portal.Domain.Tests.Alerts;

public class AlertRulesEngineTests
{
    private static readonly DateTime SubmittedAt = new(2025, 3, 10, 9, 30, 0, DateTimeKind.Utc);
    private static readonly AlertRulesEngine Engine = new(new AlertRuleOptions());

    [Fact]
    public void A_quiet_week_raises_no_alert()
    {
        Assert.Null(Engine.EvaluateResponse(Input(Grades(("pain", 2), ("fatigue", 1), ("nausea", 0)))));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    [InlineData(1, false)]
    public void A_symptom_alerts_on_its_own_from_grade_3(int grade, bool fires)
    {
        var decision = Engine.EvaluateResponse(Input(Grades(("pain", grade))));

        if (!fires)
        {
            Assert.Null(decision);
            return;
        }

        var finding = Assert.Single(decision!.Findings);
        Assert.Equal((SevereSymptom, "pain", 3, (int?)null, AlertPriority.High),
            (finding.Rule, finding.ItemKey, finding.Grade, finding.PreviousGrade, finding.Priority));
        Assert.Equal(AlertPriority.High, decision.Priority);
        Assert.Equal(("pain", 3), (decision.WorstItemKey, decision.WorstGrade));
        Assert.False(decision.Worsened);
        Assert.Equal(AlertKind.Response, decision.Kind);
    }

    [Theory]
    [InlineData(2, null, null)]
    [InlineData(2, 0, WorseningSymptom)]
    [InlineData(2, 1, WorseningSymptom)]
    [InlineData(2, 2, null)]
    [InlineData(2, 3, null)]
    [InlineData(1, 0, null)]
    [InlineData(0, 0, null)]
    [InlineData(3, 1, SevereSymptom)]
    [InlineData(3, 3, SevereSymptom)]
    public void Worsening_is_judged_against_the_previous_answered_week(int grade, int? previous, AlertRule? expected)
    {
        var input = Input(
            Grades(("nausea", grade)),
            previous: previous is null ? null : Grades(("nausea", previous.Value)));

        var decision = Engine.EvaluateResponse(input);

        if (expected is null)
        {
            Assert.Null(decision);
            return;
        }

        var finding = Assert.Single(decision!.Findings);
        Assert.Equal((expected.Value, grade, previous), (finding.Rule, finding.Grade, finding.PreviousGrade));
        Assert.Equal(previous < grade, decision.Worsened);
        Assert.Equal(expected == SevereSymptom ? AlertPriority.High : AlertPriority.Medium, decision.Priority);
    }

    [Fact]
    public void No_previous_week_at_all_means_no_worsening()
    {
        Assert.Null(Engine.EvaluateResponse(Input(Grades(("nausea", 2)), previous: null)));
    }

    [Fact]
    public void An_item_not_graded_in_the_previous_week_cannot_have_worsened()
    {
        var previous = new List<ItemAnswer>(Grades(("fatigue", 0))) { new() { ItemKey = "nausea" } };

        Assert.Null(Engine.EvaluateResponse(Input(Grades(("nausea", 2)), previous: previous)));
    }

    [Fact]
    public void A_presence_answer_never_alerts()
    {
        var answers = new[] { new ItemAnswer { ItemKey = "rash", Present = true } };

        Assert.Null(Engine.EvaluateResponse(Input(answers)));
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData(37.9, false, null)]
    [InlineData(38.0, false, Fever)]
    [InlineData(38.3, false, Fever)]
    [InlineData(40.5, false, Fever)]
    [InlineData(37.99, true, null)]
    [InlineData(38.0, true, Fever)]
    [InlineData(38.29, true, Fever)]
    [InlineData(38.3, true, SuspectedFebrileNeutropenia)]
    [InlineData(39.4, true, SuspectedFebrileNeutropenia)]
    public void Temperature_alerts_as_fever_or_suspected_febrile_neutropenia_under_cytotoxics(
        double? temperature, bool cytotoxic, AlertRule? expected)
    {
        Assert.Equal(expected, FeverRule.Assess((decimal?)temperature, cytotoxic, new AlertRuleOptions()));

        var decision = Engine.EvaluateResponse(Input(
            Grades(("pain", 1)), temperature: (decimal?)temperature, cytotoxic: cytotoxic));

        if (expected is null)
        {
            Assert.Null(decision);
            return;
        }

        var finding = Assert.Single(decision!.Findings);
        Assert.Equal((expected.Value, (decimal?)temperature), (finding.Rule, finding.Value));
        Assert.Equal(expected == Fever ? AlertPriority.High : AlertPriority.Urgent, decision.Priority);
        Assert.Null(decision.WorstItemKey);
    }

    [Fact]
    public void The_patients_own_sense_of_urgency_alerts()
    {
        var decision = Engine.EvaluateResponse(Input(Grades(("pain", 0)), urgent: true));

        var finding = Assert.Single(decision!.Findings);
        Assert.Equal((PatientUrgency, AlertPriority.High), (finding.Rule, finding.Priority));
        Assert.Null(Engine.EvaluateResponse(Input(Grades(("pain", 0)), urgent: false)));
    }

    [Fact]
    public void One_decision_lists_every_finding_most_urgent_first_and_takes_the_most_urgent_priority()
    {
        var decision = Engine.EvaluateResponse(Input(
            Grades(("nausea", 2), ("pain", 3), ("fatigue", 3), ("cough", 1)),
            previous: Grades(("nausea", 0), ("pain", 2), ("fatigue", 3), ("cough", 0)),
            temperature: 38.6m,
            cytotoxic: true,
            urgent: true));

        Assert.NotNull(decision);
        Assert.Equal(AlertPriority.Urgent, decision.Priority);
        Assert.Equal(
            [
                (SuspectedFebrileNeutropenia, null),
                (SevereSymptom, "pain"),
                (SevereSymptom, "fatigue"),
                (PatientUrgency, null),
                (WorseningSymptom, "nausea"),
            ],
            decision.Findings.Select(f => (f.Rule, f.ItemKey)));
        Assert.Equal(("pain", 3), (decision.WorstItemKey, decision.WorstGrade));
        Assert.True(decision.Worsened);
        Assert.Equal(Engine.RulesVersion, decision.RulesVersion);
    }

    [Fact]
    public void Among_equal_grades_the_worst_item_is_the_one_that_rose_most()
    {
        var decision = Engine.EvaluateResponse(Input(
            Grades(("fatigue", 3), ("pain", 3)),
            previous: Grades(("fatigue", 2), ("pain", 0))));

        Assert.Equal("pain", decision!.WorstItemKey);
    }

    [Fact]
    public void Priorities_and_thresholds_come_from_the_options()
    {
        var engine = new AlertRulesEngine(new AlertRuleOptions
        {
            SevereGrade = 2,
            SevereSymptomPriority = AlertPriority.Urgent,
            FeverThresholdCelsius = 37.5m,
            FeverPriority = AlertPriority.Medium,
        });

        var decision = engine.EvaluateResponse(Input(Grades(("pain", 2)), temperature: 37.5m));

        Assert.Equal([(SevereSymptom, AlertPriority.Urgent), (Fever, AlertPriority.Medium)],
            decision!.Findings.Select(f => (f.Rule, f.Priority)));
        Assert.Equal(AlertPriority.Urgent, decision.Priority);
    }

    [Fact]
    public void A_larger_required_increase_makes_a_one_grade_rise_quiet()
    {
        var engine = new AlertRulesEngine(new AlertRuleOptions { WorseningMinimumIncrease = 2 });

        Assert.Null(engine.EvaluateResponse(Input(Grades(("pain", 2)), previous: Grades(("pain", 1)))));
        Assert.NotNull(engine.EvaluateResponse(Input(Grades(("pain", 2)), previous: Grades(("pain", 0)))));
    }

    [Fact]
    public void A_time_that_is_not_utc_is_refused()
    {
        var input = new ResponseAlertInput { Answers = Grades(("pain", 3)), At = DateTime.Now };

        Assert.Throws<ArgumentException>(() => Engine.EvaluateResponse(input));
    }

    internal static ItemAnswer[] Grades(params (string Key, int Grade)[] grades) =>
        [.. grades.Select(g => new ItemAnswer { ItemKey = g.Key, CompositeGrade = g.Grade })];

    internal static ResponseAlertInput Input(
        IReadOnlyList<ItemAnswer> answers,
        IReadOnlyList<ItemAnswer>? previous = null,
        decimal? temperature = null,
        bool cytotoxic = false,
        bool urgent = false,
        IReadOnlyList<ExpectedLevel>? expected = null,
        DateTime? at = null) => new()
        {
            Answers = answers,
            PreviousAnswers = previous,
            TemperatureCelsius = temperature,
            CytotoxicChemotherapy = cytotoxic,
            PatientUrgent = urgent,
            ExpectedLevels = expected ?? [],
            At = at ?? SubmittedAt,
        };
}
