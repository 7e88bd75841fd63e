using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Alerts.Rules;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Questionnaires;

/// <summary>
/// The non-responder check on an injected clock. The enrollments answer on Mondays in Paris; with the default
/// 3 grace days the week due Monday 2026-03-09 is missed from Friday 2026-03-13 00:00 Paris time, which is
/// 2026-03-12 23:00 UTC (winter time).
/// </summary>
public abstract class RaiseMissedQuestionnaireAlertsTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly DateOnly Week = new(2026, 3, 9);
    private static readonly DateTimeOffset MissedAt = new(2026, 3, 12, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_week_without_response_alerts_from_the_first_instant_after_its_grace_days_and_not_before()
    {
        var patient = await StartingOnWeekAsync();

        Host.Clock.Now = MissedAt.AddTicks(-1);
        await RunAsync();
        Assert.Empty(await patient.AlertsAsync());

        Host.Clock.Now = MissedAt;
        await RunAsync();

        var alert = Assert.Single(await patient.AlertsAsync());
        Assert.Equal((AlertKind.NonResponder, AlertStatus.Open, Week, (Guid?)null), (alert.Kind, alert.Status, alert.WeekDueDate, alert.ResponseId));
        Assert.Equal((patient.Patient.Id, patient.Establishment.Id), (alert.PatientId, alert.EstablishmentId));
        Assert.Equal((AlertPriority.Low, MissedAt.UtcDateTime, MissedAt.UtcDateTime.AddHours(72)), (alert.Priority, alert.RaisedAt, alert.SlaDueAt));
        Assert.Equal(new AlertRulesEngine(new AlertRuleOptions()).RulesVersion, alert.RulesVersion);
        var finding = Assert.Single(alert.Findings);
        Assert.Equal((AlertRule.MissedQuestionnaire, AlertPriority.Low, (string?)null), (finding.Rule, finding.Priority, finding.ItemKey));
    }

    [Fact]
    public async Task Running_again_raises_no_second_alert_for_the_same_week()
    {
        var patient = await StartingOnWeekAsync();
        Host.Clock.Now = MissedAt;
        await RunAsync();

        Host.Clock.Advance(TimeSpan.FromHours(5));
        await RunAsync();
        await RunAsync();

        Assert.Single(await patient.AlertsAsync());
    }

    [Fact]
    public async Task The_next_missed_week_gets_its_own_alert()
    {
        var patient = await StartingOnWeekAsync();
        Host.Clock.Now = MissedAt;
        await RunAsync();

        Host.Clock.Now = MissedAt.AddDays(7);
        await RunAsync();

        Assert.Equal([Week, Week.AddDays(7)], (await patient.AlertsAsync()).Select(a => a.WeekDueDate));
    }

    [Fact]
    public async Task An_answered_week_raises_nothing()
    {
        var patient = await StartingOnWeekAsync();
        await patient.SubmitAsync(Week, Answers.Calm());

        Host.Clock.Now = MissedAt.AddDays(1);
        await RunAsync();

        Assert.Empty(await patient.AlertsAsync());
    }

    [Theory]
    [InlineData(EnrollmentStatus.Paused)]
    [InlineData(EnrollmentStatus.Ended)]
    public async Task Paused_and_ended_follow_ups_are_skipped(EnrollmentStatus status)
    {
        var patient = await StartingOnWeekAsync(e => e.Status = status, issueLink: false);

        Host.Clock.Now = MissedAt.AddDays(1);
        await RunAsync();

        Assert.Empty(await patient.AlertsAsync());
    }

    [Fact]
    public async Task Weeks_before_the_start_date_or_due_before_the_patient_was_enrolled_are_skipped()
    {
        // Start on 2026-02-02, recorded on Wednesday 2026-03-04: weeks due 02-02 to 03-02 were never asked for.
        var backdated = await PatientScenario.CreateAsync(Host, e =>
        {
            e.StartDate = new DateOnly(2026, 2, 2);
            e.CreatedAt = new DateTime(2026, 3, 4, 9, 0, 0, DateTimeKind.Utc);
        });
        var later = await PatientScenario.CreateAsync(Host, e =>
        {
            e.StartDate = new DateOnly(2026, 3, 11);
            e.CreatedAt = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
        });

        Host.Clock.Now = MissedAt;
        await RunAsync();

        Assert.Equal([Week], (await backdated.AlertsAsync()).Select(a => a.WeekDueDate));
        Assert.Empty(await later.AlertsAsync());
    }

    [Fact]
    public async Task Only_the_weeks_due_within_the_lookback_are_checked()
    {
        // Following since 2026-01-05 without ever answering: with 28 days back from Friday 03-13, only the weeks
        // due from 02-13 on (02-16, 02-23, 03-02, 03-09) alert, not the six before.
        var silent = await PatientScenario.CreateAsync(Host);

        Host.Clock.Now = MissedAt;
        await RunAsync();

        Assert.Equal(
            [new DateOnly(2026, 2, 16), new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 2), Week],
            (await silent.AlertsAsync()).Select(a => a.WeekDueDate));
    }

    [Fact]
    public async Task The_grace_days_and_priority_come_from_the_options()
    {
        using var host = new ApplicationHost(Host.Database, services => services.Configure<AlertRuleOptions>(o =>
        {
            o.NonResponderGraceDays = 0;
            o.MissedQuestionnairePriority = AlertPriority.Medium;
        }));
        var patient = await StartingOnWeekAsync(host: host);

        // No grace day: missed from Tuesday 03-10 00:00 in Paris.
        host.Clock.Now = new DateTimeOffset(2026, 3, 9, 22, 59, 59, TimeSpan.Zero);
        await host.SendAsync(TestCurrentUser.Anonymous(), new RaiseMissedQuestionnaireAlertsCommand());
        Assert.Empty(await patient.AlertsAsync());
        host.Clock.Now = new DateTimeOffset(2026, 3, 9, 23, 0, 0, TimeSpan.Zero);
        await host.SendAsync(TestCurrentUser.Anonymous(), new RaiseMissedQuestionnaireAlertsCommand());

        var alert = Assert.Single(await patient.AlertsAsync());
        Assert.Equal((AlertPriority.Medium, host.Now.AddHours(48)), (alert.Priority, alert.SlaDueAt));
    }

    [Fact]
    public async Task Checks_running_at_once_raise_one_alert_per_missed_week()
    {
        var patients = new List<PatientScenario>();
        for (var i = 0; i < 5; i++)
        {
            patients.Add(await StartingOnWeekAsync());
        }

        Host.Clock.Now = MissedAt.AddDays(7);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RunAsync()));

        foreach (var patient in patients)
        {
            Assert.Equal([Week, Week.AddDays(7)], (await patient.AlertsAsync()).Select(a => a.WeekDueDate));
        }
    }

    [Fact]
    public async Task The_database_refuses_a_second_missed_week_alert_for_the_same_week()
    {
        var patient = await StartingOnWeekAsync();
        Host.Clock.Now = MissedAt;
        await RunAsync();
        var existing = Assert.Single(await patient.AlertsAsync());

        var duplicate = new Alert
        {
            PatientId = existing.PatientId,
            EnrollmentId = existing.EnrollmentId,
            EstablishmentId = existing.EstablishmentId,
            Kind = AlertKind.NonResponder,
            Priority = AlertPriority.Low,
            RaisedAt = Host.Now,
            SlaDueAt = Host.Now.AddHours(72),
            WeekDueDate = existing.WeekDueDate,
            RulesVersion = existing.RulesVersion,
        };

        await Assert.ThrowsAsync<DbUpdateException>(() => Host.InsertAsync(duplicate));
    }

    /// <summary>Active, weekly on Mondays from 2026-03-09, recorded the Friday before.</summary>
    private async Task<PatientScenario> StartingOnWeekAsync(
        Action<Enrollment>? configure = null, ApplicationHost? host = null, bool issueLink = true) =>
        await PatientScenario.CreateAsync(
            host ?? Host,
            e =>
            {
                e.StartDate = Week;
                e.CreatedAt = new DateTime(2026, 3, 6, 9, 0, 0, DateTimeKind.Utc);
                configure?.Invoke(e);
            },
            issueLink);

    private Task<MissedQuestionnaireCheck> RunAsync() =>
        Host.SendAsync(TestCurrentUser.Anonymous(), new RaiseMissedQuestionnaireAlertsCommand());
}

public sealed class RaiseMissedQuestionnaireAlertsSqliteTests(SqliteDatabaseFixture fixture)
    : RaiseMissedQuestionnaireAlertsTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class RaiseMissedQuestionnaireAlertsPostgresTests(PostgresDatabaseFixture fixture)
    : RaiseMissedQuestionnaireAlertsTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class RaiseMissedQuestionnaireAlertsSqlServerTests(SqlServerDatabaseFixture fixture)
    : RaiseMissedQuestionnaireAlertsTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
