using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.ExpectedLevels;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Grading;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Questionnaires;

/// <summary>
/// A week's answers sent through the real pipeline to a real database: graded, judged by every alert rule
/// against the previous answered week and the expected levels, stored with their alert in one transaction,
/// idempotent, and safe when sent twice at once.
/// </summary>
public abstract class SubmitQuestionnaireResponseTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly DateOnly Week = PatientScenario.OpenWeek;
    private static readonly string RulesVersion = new AlertRulesEngine(new AlertRuleOptions()).RulesVersion;

    [Fact]
    public async Task A_response_is_stored_with_its_raw_answers_grades_and_grading_table_version()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        var items = Answers.WithNausea(2, 2)
            .With("constipation", new SymptomAnswer { Severity = 1 })
            .With("rash", new SymptomAnswer { Present = true });

        var result = await patient.SubmitAsync(Week, items, temperature: 37.2m, weight: 64.5m, comment: "Un peu fatiguée.");

        Assert.True(result.Created);
        Assert.Equal(Week, result.Week);
        Assert.Equal(Host.Now, result.SubmittedAt);
        Assert.Equal(("onco-weekly", 1), (result.QuestionnaireCode, result.QuestionnaireVersion));
        Assert.Equal(ProCtcaeGrading.TableVersion, result.GradingTableVersion);
        Assert.Equal(QuestionnaireCatalog.Current.Items.Select(i => i.Key), result.Grades.Select(g => g.ItemKey));
        Assert.Equal(new ItemGrade("nausea", 2, 2, null, null, 2), result.Grades.Single(g => g.ItemKey == "nausea"));
        Assert.Equal(new ItemGrade("constipation", null, 1, null, null, 1), result.Grades.Single(g => g.ItemKey == "constipation"));
        Assert.Equal(new ItemGrade("rash", null, null, null, true, null), result.Grades.Single(g => g.ItemKey == "rash"));
        Assert.Null(result.Alert);

        var stored = Assert.Single(await patient.ResponsesAsync());
        Assert.Equal(result.ResponseId, stored.Id);
        Assert.Equal(patient.Patient.Id, stored.PatientId);
        Assert.Equal(ProCtcaeGrading.TableVersion, stored.GradingTableVersion);
        Assert.Matches("^[0-9a-f]{64}$", stored.ContentHash);
        Assert.Equal((37.2m, 64.5m, false, "Un peu fatiguée."), (stored.TemperatureCelsius, stored.WeightKg, stored.PatientUrgent, stored.Comment));
        Assert.Equal(QuestionnaireCatalog.Current.Items.Count, stored.Answers.Count);
        var nausea = stored.Answers.Single(a => a.ItemKey == "nausea");
        Assert.Equal((2, 2, (int?)null, 2), (nausea.Frequency, nausea.Severity, nausea.Interference, nausea.CompositeGrade));
        var pain = stored.Answers.Single(a => a.ItemKey == "pain");
        Assert.Equal((0, (int?)null, (int?)null, 0), (pain.Frequency, pain.Severity, pain.Interference, pain.CompositeGrade));

        await using var db = Host.Database.CreateContext();
        var questionnaire = await db.Questionnaires.SingleAsync(q => q.Id == stored.QuestionnaireId);
        Assert.Equal(QuestionnaireCatalog.Get("onco-weekly", 1).Json, questionnaire.Definition);
        Assert.Empty(await patient.AlertsAsync());
    }

    [Fact]
    public async Task A_response_is_audited_as_the_patient_link_acting_for_the_patient()
    {
        var patient = await PatientScenario.CreateAsync(Host);

        var result = await patient.SubmitAsync(Week, Answers.Calm());

        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "questionnaire.submit" && e.PatientId == patient.Patient.Id));
        Assert.Equal((AuditOutcome.Success, "patient link"), (entry.Outcome, entry.Actor));
        Assert.Null(entry.StaffMemberId);
        Assert.Equal(patient.Establishment.Id, entry.EstablishmentId);
        Assert.Equal(("QuestionnaireResponse", result.ResponseId.ToString()), (entry.TargetType, entry.TargetId));
        var all = await Host.AuditEntriesAsync(e => e.PatientId == patient.Patient.Id);
        Assert.DoesNotContain(all, e => (e.Detail ?? "").Contains(patient.Token, StringComparison.Ordinal)
            || (e.TargetId ?? "").Contains(patient.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_severe_symptom_raises_one_alert_with_its_finding_priority_sla_and_rules_version()
    {
        var patient = await PatientScenario.CreateAsync(Host);

        var result = await patient.SubmitAsync(Week, Answers.WithNausea(3, 3));

        var alert = Assert.Single(await patient.AlertsAsync());
        Assert.Equal(new RaisedAlert(alert.Id, AlertPriority.High), result.Alert);
        Assert.Equal((AlertKind.Response, AlertStatus.Open, (Guid?)result.ResponseId), (alert.Kind, alert.Status, alert.ResponseId));
        Assert.Equal((patient.Patient.Id, patient.Establishment.Id, Week), (alert.PatientId, alert.EstablishmentId, alert.WeekDueDate));
        Assert.Equal(Host.Now, alert.RaisedAt);
        Assert.Equal(Host.Now.AddHours(12), alert.SlaDueAt);
        Assert.Equal(RulesVersion, alert.RulesVersion);
        Assert.Equal(("nausea", (int?)3, false), (alert.WorstItemKey, alert.WorstGrade, alert.Worsened));
        var finding = Assert.Single(alert.Findings);
        Assert.Equal((AlertRule.SevereSymptom, "nausea", (int?)3, (int?)null, AlertPriority.High), (finding.Rule, finding.ItemKey, finding.Grade, finding.PreviousGrade, finding.Priority));
    }

    [Fact]
    public async Task Grade_two_without_an_earlier_week_a_normal_temperature_and_no_urgency_raise_nothing()
    {
        var patient = await PatientScenario.CreateAsync(Host);

        var result = await patient.SubmitAsync(Week, Answers.WithNausea(2, 2), temperature: 37.9m, urgent: false);

        Assert.Null(result.Alert);
        Assert.Empty(await patient.AlertsAsync());
    }

    public static TheoryData<bool, decimal, AlertRule?, AlertPriority?> Temperatures => new()
    {
        { false, 37.9m, null, null },
        { false, 38.0m, AlertRule.Fever, AlertPriority.High },
        { false, 38.6m, AlertRule.Fever, AlertPriority.High },
        { true, 38.2m, AlertRule.Fever, AlertPriority.High },
        { true, 38.3m, AlertRule.SuspectedFebrileNeutropenia, AlertPriority.Urgent },
    };

    [Theory]
    [MemberData(nameof(Temperatures))]
    public async Task Temperature_alerts_as_fever_or_suspected_febrile_neutropenia(bool cytotoxic, decimal temperature, AlertRule? rule, AlertPriority? priority)
    {
        var patient = await PatientScenario.CreateAsync(Host, e => e.CytotoxicChemotherapy = cytotoxic);

        var result = await patient.SubmitAsync(Week, Answers.Calm(), temperature: temperature);

        var alerts = await patient.AlertsAsync();
        if (rule is null)
        {
            Assert.Null(result.Alert);
            Assert.Empty(alerts);
            return;
        }

        var alert = Assert.Single(alerts);
        Assert.Equal(priority, alert.Priority);
        var finding = Assert.Single(alert.Findings);
        Assert.Equal((rule.Value, temperature), (finding.Rule, finding.Value));
        Assert.Equal(Host.Now + (priority == AlertPriority.Urgent ? TimeSpan.FromHours(2) : TimeSpan.FromHours(12)), alert.SlaDueAt);
    }

    [Fact]
    public async Task The_patients_own_sense_of_urgency_raises_an_alert()
    {
        var patient = await PatientScenario.CreateAsync(Host);

        var result = await patient.SubmitAsync(Week, Answers.Calm(), urgent: true);

        var alert = Assert.Single(await patient.AlertsAsync());
        Assert.Equal(AlertPriority.High, result.Alert!.Priority);
        Assert.Equal(AlertRule.PatientUrgency, Assert.Single(alert.Findings).Rule);
    }

    [Fact]
    public async Task Every_finding_of_a_response_goes_into_one_alert_at_the_most_urgent_priority()
    {
        var patient = await PatientScenario.CreateAsync(Host, e => e.CytotoxicChemotherapy = true);

        await patient.SubmitAsync(Week, Answers.WithNausea(3, 3), temperature: 38.4m, urgent: true);

        var alert = Assert.Single(await patient.AlertsAsync());
        Assert.Equal(AlertPriority.Urgent, alert.Priority);
        Assert.Equal(Host.Now.AddHours(2), alert.SlaDueAt);
        Assert.Equal(
            [AlertRule.SuspectedFebrileNeutropenia, AlertRule.SevereSymptom, AlertRule.PatientUrgency],
            alert.Findings.OrderBy(f => f.Priority).ThenBy(f => f.Rule).Select(f => f.Rule));
    }

    [Fact]
    public async Task A_grade_two_that_rose_since_the_previous_week_alerts_as_worsening()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        await patient.SubmitInWeekAsync(Week.AddDays(-7), Answers.WithNausea(1, 1));

        var result = await patient.SubmitAsync(Week, Answers.WithNausea(2, 2));

        var alert = Assert.Single(await patient.AlertsAsync());
        Assert.Equal((AlertPriority.Medium, result.ResponseId), (alert.Priority, alert.ResponseId!.Value));
        Assert.True(alert.Worsened);
        var finding = Assert.Single(alert.Findings);
        Assert.Equal((AlertRule.WorseningSymptom, "nausea", (int?)2, (int?)1), (finding.Rule, finding.ItemKey, finding.Grade, finding.PreviousGrade));
        Assert.Equal(Host.Now.AddHours(48), alert.SlaDueAt);
    }

    [Fact]
    public async Task Worsening_is_judged_against_the_previous_answered_week_skipping_unanswered_ones()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        await patient.SubmitInWeekAsync(Week.AddDays(-21), Answers.Calm());
        await patient.SubmitInWeekAsync(Week.AddDays(-14), Answers.WithNausea(2, 2));

        // The week before (Week - 7) is not answered: grade 2 now compares with grade 2 two weeks ago, not with 0.
        var result = await patient.SubmitAsync(Week, Answers.WithNausea(2, 2));

        Assert.Null(result.Alert);
        var alerts = await patient.AlertsAsync();
        var earlier = Assert.Single(alerts);
        Assert.Equal(Week.AddDays(-14), earlier.WeekDueDate);
        Assert.Equal((AlertRule.WorseningSymptom, (int?)0), (Assert.Single(earlier.Findings).Rule, earlier.Findings[0].PreviousGrade));
    }

    [Fact]
    public async Task An_expected_level_suppresses_symptom_findings_at_or_below_it_but_never_fever()
    {
        var quiet = await PatientScenario.CreateAsync(Host);
        var feverish = await PatientScenario.CreateAsync(Host, e => e.CytotoxicChemotherapy = false);
        await SetExpectedLevelAsync(quiet, "nausea", maxGrade: 3, until: Host.Now.AddDays(7));
        await SetExpectedLevelAsync(feverish, "nausea", maxGrade: 3, until: Host.Now.AddDays(7));

        var suppressed = await quiet.SubmitAsync(Week, Answers.WithNausea(3, 3));
        var withFever = await feverish.SubmitAsync(Week, Answers.WithNausea(3, 3), temperature: 38.5m);

        Assert.Null(suppressed.Alert);
        Assert.Empty(await quiet.AlertsAsync());
        var alert = Assert.Single(await feverish.AlertsAsync());
        Assert.Equal(withFever.Alert!.AlertId, alert.Id);
        Assert.Equal(AlertRule.Fever, Assert.Single(alert.Findings).Rule);
    }

    [Fact]
    public async Task A_symptom_above_its_expected_level_still_alerts()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        await SetExpectedLevelAsync(patient, "nausea", maxGrade: 2, until: Host.Now.AddDays(7));

        var result = await patient.SubmitAsync(Week, Answers.WithNausea(3, 3));

        Assert.Equal(AlertPriority.High, result.Alert!.Priority);
    }

    [Fact]
    public async Task An_expected_level_stops_suppressing_once_over_or_cancelled()
    {
        var over = await PatientScenario.CreateAsync(Host);
        await SetExpectedLevelAsync(over, "nausea", maxGrade: 3, until: Host.Now.AddHours(1));
        var cancelled = await PatientScenario.CreateAsync(Host);
        var level = await SetExpectedLevelAsync(cancelled, "nausea", maxGrade: 3, until: Host.Now.AddDays(7));
        Assert.True(await Host.SendAsync(cancelled.NurseUser, new CancelExpectedLevelCommand(cancelled.Patient.Id, level.ExpectedLevelId)));

        Host.Clock.Advance(TimeSpan.FromHours(2));
        var afterEnd = await over.SubmitAsync(Week, Answers.WithNausea(3, 3));
        var afterCancel = await cancelled.SubmitAsync(Week, Answers.WithNausea(3, 3));

        Assert.NotNull(afterEnd.Alert);
        Assert.NotNull(afterCancel.Alert);
    }

    [Fact]
    public async Task The_same_answers_sent_again_return_the_stored_result_without_a_second_alert()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        var first = await patient.SubmitAsync(Week, Answers.WithNausea(3, 3), temperature: 38m, comment: "Nausées depuis lundi");

        Host.Clock.Advance(TimeSpan.FromHours(3));
        var again = await patient.SubmitAsync(Week, Answers.WithNausea(3, 3), temperature: 38.0m, comment: "  Nausées depuis lundi \r\n");

        Assert.False(again.Created);
        Assert.Equal(first with { Created = false }, again with { Grades = first.Grades });
        Assert.Equal(first.Grades, again.Grades);
        Assert.Single(await patient.ResponsesAsync());
        Assert.Single(await patient.AlertsAsync());
        var entries = await Host.AuditEntriesAsync(e => e.Action == "questionnaire.submit" && e.PatientId == patient.Patient.Id);
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Success], entries.Select(e => e.Outcome));
        Assert.Contains("same answers", entries[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Different_answers_for_an_answered_week_are_refused_and_change_nothing()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        var first = await patient.SubmitAsync(Week, Answers.WithNausea(1, 1));

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => patient.SubmitAsync(Week, Answers.WithNausea(3, 3)));

        Assert.Equal(ConflictKind.Duplicate, conflict.Kind);
        Assert.Contains("already answered", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("2026-03-09", conflict.Message, StringComparison.Ordinal);
        var stored = Assert.Single(await patient.ResponsesAsync());
        Assert.Equal(first.ResponseId, stored.Id);
        Assert.Equal(1, stored.Answers.Single(a => a.ItemKey == "nausea").CompositeGrade);
        Assert.Empty(await patient.AlertsAsync());
        var failed = await Host.AuditEntriesAsync(e => e.Action == "questionnaire.submit" && e.Outcome == AuditOutcome.Failed && e.PatientId == patient.Patient.Id);
        Assert.Contains("Conflict", Assert.Single(failed).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_identical_submissions_at_the_same_moment_store_one_response_and_one_alert()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        var barrier = new ResponseInsertBarrier(parties: 2, limit: TimeSpan.FromSeconds(3));
        using var racing = new ApplicationHost(Host.Database, services =>
            services.AddSingleton(InterceptedDatabase.Factory(Host.Database, barrier)));
        var command = patient.Submission(Week, Answers.WithNausea(3, 3));

        var results = await Task.WhenAll(
            racing.SendAsync(TestCurrentUser.Anonymous(), command),
            racing.SendAsync(TestCurrentUser.Anonymous(), command));

        Assert.Equal(2, barrier.Attempts);
        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.ResponseId).Distinct());
        Assert.Single(results.Select(r => r.Alert!.AlertId).Distinct());
        Assert.Single(await patient.ResponsesAsync());
        Assert.Single(await patient.AlertsAsync());
    }

    [Fact]
    public async Task A_failure_after_the_response_insert_leaves_neither_response_nor_alert()
    {
        var patient = await PatientScenario.CreateAsync(Host);
        var failure = new FailAfterAlertInsert();
        var answersBefore = await CountAsync("ItemAnswers");
        var findingsBefore = await CountAsync("AlertFindings");
        using var faulty = new ApplicationHost(Host.Database, services =>
            services.AddSingleton(InterceptedDatabase.Factory(Host.Database, failure)));

        var failed = await Assert.ThrowsAsync<DbUpdateException>(() =>
            faulty.SendAsync(TestCurrentUser.Anonymous(), patient.Submission(Week, Answers.WithNausea(3, 3))));
        Assert.StartsWith("Injected failure", failed.InnerException?.Message, StringComparison.Ordinal);

        var inserts = failure.Executed.Where(sql => sql.Contains("INSERT INTO", StringComparison.Ordinal)).ToList();
        var responseInsert = inserts.FindIndex(sql => sql.Contains("INSERT INTO \"QuestionnaireResponses\"", StringComparison.Ordinal));
        var alertInsert = inserts.FindIndex(sql => sql.Contains("INSERT INTO \"Alerts\"", StringComparison.Ordinal));
        Assert.True(responseInsert >= 0 && responseInsert <= alertInsert, "the response was inserted, then the alert insert failed");
        Assert.Empty(await patient.ResponsesAsync());
        Assert.Empty(await patient.AlertsAsync());
        Assert.Equal(answersBefore, await CountAsync("ItemAnswers"));
        Assert.Equal(findingsBefore, await CountAsync("AlertFindings"));

        var retried = await patient.SubmitAsync(Week, Answers.WithNausea(3, 3));
        Assert.True(retried.Created);
        Assert.Single(await patient.AlertsAsync());
    }

    [Theory]
    [InlineData("2026-03-10", "No questionnaire")]
    [InlineData("2026-03-16", "cannot be answered before 2026-03-14 00:00 Europe/Paris")]
    [InlineData("2026-03-02", "closed on 2026-03-07 00:00 Europe/Paris")]
    public async Task Only_the_week_open_now_can_be_answered(string week, string message)
    {
        var patient = await PatientScenario.CreateAsync(Host);

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => patient.SubmitAsync(DateOnly.Parse(week, System.Globalization.CultureInfo.InvariantCulture), Answers.Calm()));

        Assert.Contains(message, Assert.Single(invalid.Errors["week"]), StringComparison.Ordinal);
        Assert.Empty(await patient.ResponsesAsync());
    }

    public static TheoryData<string, string, string> BadAnswers => new()
    {
        { "unknown item", "hiccups", "items.hiccups" },
        { "score out of range", "nausea-7", "items.nausea.severity" },
        { "attribute forbidden by branching", "nausea-skipped", "items.nausea.severity" },
        { "attribute the item does not have", "constipation-frequency", "items.constipation.frequency" },
        { "item not answered", "no-fatigue", "items.fatigue" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Answers_the_questionnaire_refuses_are_reported_by_field_and_nothing_is_stored(string situation, string change, string field)
    {
        var patient = await PatientScenario.CreateAsync(Host);
        var items = change switch
        {
            "hiccups" => Answers.Calm().With("hiccups", new SymptomAnswer { Frequency = 1 }),
            "nausea-7" => Answers.WithNausea(2, 7),
            "nausea-skipped" => Answers.WithNausea(0, 2),
            "constipation-frequency" => Answers.Calm().With("constipation", new SymptomAnswer { Frequency = 1, Severity = 1 }),
            _ => Answers.Calm().With("fatigue", null),
        };

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => patient.SubmitAsync(Week, items));

        Assert.True(invalid.Errors.ContainsKey(field), $"{situation}: errors on {string.Join(", ", invalid.Errors.Keys)}");
        Assert.Single(invalid.Errors);
        Assert.Empty(await patient.ResponsesAsync());
        var entry = Assert.Single(await Host.AuditEntriesAsync(e => e.Action == "questionnaire.submit" && e.PatientId == patient.Patient.Id));
        Assert.Equal(AuditOutcome.Failed, entry.Outcome);
        Assert.Contains(field, entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_expired_or_revoked_link_or_a_paused_follow_up_is_refused()
    {
        var expired = await PatientScenario.CreateAsync(Host);
        var revoked = await PatientScenario.CreateAsync(Host);
        await Host.SendAsync(revoked.AdminUser, new RevokePatientLinkCommand(revoked.Patient.Id, revoked.Enrollment.Id));
        var paused = await PatientScenario.CreateAsync(Host, e => e.Status = EnrollmentStatus.Paused);
        var calm = Answers.Calm();

        async Task<PatientLinkStatus> RefusalAsync(PatientScenario patient, string? token = null, TimeSpan? later = null)
        {
            using var host = new ApplicationHost(Host.Database);
            host.Clock.Advance(later ?? TimeSpan.Zero);
            var refused = await Assert.ThrowsAsync<PatientLinkRejectedException>(() =>
                host.SendAsync(TestCurrentUser.Anonymous(), patient.Submission(Week, calm, token: token)));
            return refused.Status;
        }

        Assert.Equal(PatientLinkStatus.Unknown, await RefusalAsync(expired, token: PatientLinkToken.Create()));
        Assert.Equal(PatientLinkStatus.Unknown, await RefusalAsync(expired, token: "not-a-token"));
        Assert.Equal(PatientLinkStatus.Expired, await RefusalAsync(expired, later: TimeSpan.FromDays(121)));
        Assert.Equal(PatientLinkStatus.Revoked, await RefusalAsync(revoked));
        Assert.Equal(PatientLinkStatus.Paused, await RefusalAsync(paused));
        Assert.Empty(await expired.ResponsesAsync());

        var refusals = await Host.AuditEntriesAsync(e => e.Action == "questionnaire.submit" && e.PatientId == revoked.Patient.Id);
        var failure = Assert.Single(refusals);
        Assert.Equal((AuditOutcome.Denied, "patient link"), (failure.Outcome, failure.Actor));
        Assert.Contains("Revoked", failure.Detail, StringComparison.Ordinal);
    }

    private async Task<int> CountAsync(string table)
    {
        await using var db = Host.Database.CreateContext();
        var sql = table switch
        {
            "ItemAnswers" => "SELECT COUNT(*) AS \"Value\" FROM \"ItemAnswers\"",
            _ => "SELECT COUNT(*) AS \"Value\" FROM \"AlertFindings\"",
        };
        return await db.Database.SqlQueryRaw<int>(sql).SingleAsync();
    }

    private async Task<ExpectedLevelRow> SetExpectedLevelAsync(PatientScenario patient, string itemKey, int maxGrade, DateTime until) =>
        await Host.SendAsync(patient.NurseUser, new SetExpectedLevelCommand
        {
            PatientId = patient.Patient.Id,
            EnrollmentId = patient.Enrollment.Id,
            ItemKey = itemKey,
            MaxGrade = maxGrade,
            Until = until,
            Reason = "Nausées attendues les trois jours suivant la cure.",
        });
}

public sealed class SubmitQuestionnaireResponseSqliteTests(SqliteDatabaseFixture fixture)
    : SubmitQuestionnaireResponseTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class SubmitQuestionnaireResponsePostgresTests(PostgresDatabaseFixture fixture)
    : SubmitQuestionnaireResponseTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class SubmitQuestionnaireResponseSqlServerTests(SqlServerDatabaseFixture fixture)
    : SubmitQuestionnaireResponseTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
