using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Scheduling;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Infrastructure.Tests.Seeding;

/// <summary>
/// The seeded grades and alerts are the domain's: recomputed here from the stored answers with the portal's own
/// grader, rules engine, non-responder rule and SLA policy, they come out the same, and no alert is missing.
/// </summary>
public abstract class DemoAlertRulesTests(SeededDatabaseFixture fixture)
{
    private static readonly (DateOnly Today, DateTime Anchor) SeedDay = SeededData.SeedDay(SeededDatabaseFixture.Now);

    private readonly AlertRulesEngine _engine = new(new AlertRuleOptions());
    private readonly SlaPolicy _sla = new(new SlaOptions());
    private readonly TimeZoneInfo _zone = new ScheduleOptions().ResolveTimeZone();

    private SeededData Data => fixture.Data;

    /// <summary>
    /// A response's answers in questionnaire order, as the rules engine received them when the response came in: the
    /// order breaks ties between equally bad symptoms, and the database does not keep it.
    /// </summary>
    private static List<ItemAnswer> InQuestionnaireOrder(QuestionnaireResponse response)
    {
        var order = QuestionnaireCatalog.Current.Items.Select((item, index) => (item.Key, index)).ToDictionary();
        return [.. response.Answers.OrderBy(a => order[a.ItemKey])];
    }

    [Fact]
    public void Every_stored_grade_is_what_the_grader_gives_for_the_stored_answers()
    {
        var definition = QuestionnaireCatalog.Current;
        Assert.NotEmpty(Data.Responses);
        foreach (var response in Data.Responses)
        {
            var grading = SubmissionGrader.Grade(definition, new QuestionnaireSubmission
            {
                Items = response.Answers.ToDictionary(
                    a => a.ItemKey,
                    a => (SymptomAnswer?)new SymptomAnswer
                    {
                        Frequency = a.Frequency,
                        Severity = a.Severity,
                        Interference = a.Interference,
                        Present = a.Present,
                    }),
                TemperatureCelsius = response.TemperatureCelsius,
                WeightKg = response.WeightKg,
                PatientUrgent = response.PatientUrgent,
                Comment = response.Comment,
            });

            Assert.True(grading.IsValid, string.Join(" ", grading.Errors.Select(e => e.Message)));
            Assert.Equal(
                grading.Result.Answers.Select(a => (a.ItemKey, a.CompositeGrade)).OrderBy(a => a.ItemKey, StringComparer.Ordinal),
                response.Answers.Select(a => (a.ItemKey, a.CompositeGrade)).OrderBy(a => a.ItemKey, StringComparer.Ordinal));
            Assert.Equal(grading.Result.ContentHash, response.ContentHash);
            Assert.Equal(grading.Result.GradingTableVersion, response.GradingTableVersion);
        }
    }

    [Fact]
    public void Every_response_alert_is_the_rules_engines_verdict_against_the_previous_answered_week()
    {
        var alertsByResponse = Data.Alerts.Where(a => a.ResponseId is not null).ToDictionary(a => a.ResponseId!.Value);
        var enrollments = Data.Enrollments.ToDictionary(e => e.Id);
        var checkedAlerts = 0;
        foreach (var responses in Data.Responses.GroupBy(r => r.EnrollmentId))
        {
            var enrollment = enrollments[responses.Key];
            IReadOnlyList<ItemAnswer>? previous = null;
            foreach (var response in responses.OrderBy(r => r.WeekDueDate))
            {
                var decision = _engine.EvaluateResponse(new ResponseAlertInput
                {
                    Answers = InQuestionnaireOrder(response),
                    PreviousAnswers = previous,
                    TemperatureCelsius = response.TemperatureCelsius,
                    PatientUrgent = response.PatientUrgent,
                    CytotoxicChemotherapy = enrollment.CytotoxicChemotherapy,
                    ExpectedLevels = [.. Data.ExpectedLevels.Where(l => l.EnrollmentId == enrollment.Id)],
                    At = response.SubmittedAt,
                });
                previous = InQuestionnaireOrder(response);

                alertsByResponse.TryGetValue(response.Id, out var alert);
                if (decision is null)
                {
                    Assert.Null(alert);
                    continue;
                }

                Assert.NotNull(alert);
                var expected = decision.CreateAlert(
                    enrollment.PatientId, enrollment.Id, enrollment.EstablishmentId, response.Id, response.WeekDueDate,
                    response.SubmittedAt, _sla);
                AssertSameAlert(expected, alert);
                checkedAlerts++;
            }
        }

        Assert.Equal(alertsByResponse.Count, checkedAlerts);
    }

    [Fact]
    public void Every_missed_week_of_an_active_enrollment_raises_the_non_responder_alert_and_nothing_else_does()
    {
        var nonResponder = Data.Alerts.Where(a => a.Kind == AlertKind.NonResponder).ToList();
        Assert.All(nonResponder, a => Assert.Null(a.ResponseId));
        var answered = Data.Responses.Select(r => (r.EnrollmentId, r.WeekDueDate)).ToHashSet();
        var enrollments = Data.Enrollments.ToDictionary(e => e.Id);

        foreach (var alert in nonResponder)
        {
            var enrollment = enrollments[alert.EnrollmentId];
            Assert.DoesNotContain((enrollment.Id, alert.WeekDueDate), answered);
            Assert.NotNull(QuestionnaireSchedule.For(enrollment, new ScheduleOptions()).WeekDueOn(alert.WeekDueDate));
            var decision = _engine.EvaluateMissedWeek(alert.WeekDueDate, SeedDay.Anchor, hasResponse: false, _zone);
            Assert.NotNull(decision);
            var raisedAt = NonResponderRule.MissedAt(alert.WeekDueDate, new AlertRuleOptions().NonResponderGraceDays, _zone);
            AssertSameAlert(
                decision.CreateAlert(enrollment.PatientId, enrollment.Id, enrollment.EstablishmentId, null, alert.WeekDueDate, raisedAt, _sla),
                alert);
        }

        foreach (var enrollment in Data.Enrollments.Where(e => e.Status == EnrollmentStatus.Active))
        {
            foreach (var week in QuestionnaireSchedule.For(enrollment, new ScheduleOptions()).Weeks.Where(w => w.OpensAt < SeedDay.Anchor))
            {
                var missed = _engine.EvaluateMissedWeek(
                    week.DueDate, SeedDay.Anchor, answered.Contains((enrollment.Id, week.DueDate)), _zone) is not null;
                Assert.Equal(missed, nonResponder.Any(a => a.EnrollmentId == enrollment.Id && a.WeekDueDate == week.DueDate));
            }
        }
    }

    [Fact]
    public void An_expected_level_set_by_a_nurse_silences_the_findings_at_or_below_it_while_it_lasts()
    {
        var level = Assert.Single(Data.ExpectedLevels);
        Assert.True(level.Until - level.From <= ExpectedLevel.MaxDuration);
        Assert.True(Data.Staff.Single(s => s.Id == level.SetById).Role is Domain.Staff.StaffRole.Ide or Domain.Staff.StaffRole.Ipa);

        var enrollment = Data.Enrollments.Single(e => e.Id == level.EnrollmentId);
        var alerts = Data.Alerts.Where(a => a.ResponseId is not null).ToDictionary(a => a.ResponseId!.Value);
        var silenced = 0;
        IReadOnlyList<ItemAnswer>? previous = null;
        foreach (var response in Data.Responses.Where(r => r.EnrollmentId == enrollment.Id).OrderBy(r => r.WeekDueDate))
        {
            // Without the expected level, the engine would report the item.
            var unsilenced = _engine.EvaluateResponse(new ResponseAlertInput
            {
                Answers = InQuestionnaireOrder(response),
                PreviousAnswers = previous,
                TemperatureCelsius = response.TemperatureCelsius,
                PatientUrgent = response.PatientUrgent,
                CytotoxicChemotherapy = enrollment.CytotoxicChemotherapy,
                At = response.SubmittedAt,
            });
            previous = InQuestionnaireOrder(response);
            var wouldReport = unsilenced?.Findings.Any(f => f.ItemKey == level.ItemKey && f.Grade <= level.MaxGrade) == true;
            var reported = alerts.TryGetValue(response.Id, out var alert) && alert.Findings.Any(f => f.ItemKey == level.ItemKey);
            if (level.AppliesAt(response.SubmittedAt))
            {
                Assert.False(reported);
                silenced += wouldReport ? 1 : 0;
            }
            else
            {
                Assert.Equal(wouldReport, reported);
            }
        }

        Assert.True(silenced > 0, "The expected level silenced nothing.");
    }

    private static void AssertSameAlert(Alert expected, Alert actual)
    {
        Assert.Equal(
            (expected.PatientId, expected.EnrollmentId, expected.EstablishmentId, expected.ResponseId, expected.Kind, expected.Priority,
                expected.RaisedAt, expected.SlaDueAt, expected.WeekDueDate, expected.WorstItemKey, expected.WorstGrade, expected.Worsened,
                expected.RulesVersion),
            (actual.PatientId, actual.EnrollmentId, actual.EstablishmentId, actual.ResponseId, actual.Kind, actual.Priority,
                actual.RaisedAt, actual.SlaDueAt, actual.WeekDueDate, actual.WorstItemKey, actual.WorstGrade, actual.Worsened,
                actual.RulesVersion));
        Assert.Equal(
            expected.Findings.Select(f => (f.Rule, f.ItemKey, f.Grade, f.PreviousGrade, f.Value, f.Priority)).Order(),
            actual.Findings.Select(f => (f.Rule, f.ItemKey, f.Grade, f.PreviousGrade, f.Value, f.Priority)).Order());
    }
}

public sealed class SqliteDemoAlertRulesTests(SqliteSeededDatabaseFixture fixture)
    : DemoAlertRulesTests(fixture), IClassFixture<SqliteSeededDatabaseFixture>;

public sealed class PostgresDemoAlertRulesTests(PostgresSeededDatabaseFixture fixture)
    : DemoAlertRulesTests(fixture), IClassFixture<PostgresSeededDatabaseFixture>;

[OnSqlServer]
public sealed class SqlServerDemoAlertRulesTests(SqlServerSeededDatabaseFixture fixture)
    : DemoAlertRulesTests(fixture), IClassFixture<SqlServerSeededDatabaseFixture>;
