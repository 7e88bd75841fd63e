using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Dashboard;
using TeleSurv.Portal.Application.Tests.Alerts;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Dashboard;

/// <summary>
/// A small hospital whose figures are worked out by hand below. "Now" is Tuesday 10 March 2026, 12:00 UTC; the
/// period is Monday 16 February to Sunday 8 March (three weeks), in Paris time (UTC+1 then).
/// </summary>
public abstract class GetDashboardTests(DatabaseFixture fixture) : DatabaseTest(fixture), IAsyncLifetime
{
    private static readonly DateOnly From = new(2026, 2, 16);
    private static readonly DateOnly To = new(2026, 3, 8);

    private readonly Establishment _hospital = TestData.Establishment("Hôpital de Bellevue");
    private readonly Establishment _riverside = TestData.Establishment("Centre hospitalier de la Rivière");
    private readonly Questionnaire _questionnaire = TriageData.Questionnaire();
    private StaffMember _nurse = null!;
    private StaffMember _admin = null!;
    private Enrollment _regular = null!;
    private Enrollment _lapsed = null!;
    private Enrollment _silent = null!;
    private Patient _lapsedPatient = null!;
    private Patient _silentPatient = null!;

    public async Task InitializeAsync()
    {
        _nurse = TestData.Staff(StaffRole.Ide, "Claire MARTIN", _hospital, _riverside);
        _admin = TestData.Staff(StaffRole.Admin, "Adèle ADMIN", _hospital);
        await Host.InsertAsync(_hospital, _riverside, _questionnaire, _nurse, _admin);

        // Weekly on Mondays. Regular answers every week; Lapsed answered 16 February and then stopped; Silent, enrolled
        // on 26 January, never answered. Paused is not counted. Weekend's first questionnaire (Saturday 7 March) is
        // still within its 3 days of grace on Tuesday 10 March: not settled yet.
        (_regular, _) = await EnrollAsync("REGULIER", "Paul", new DateOnly(2026, 1, 5));
        (_lapsed, _lapsedPatient) = await EnrollAsync("INTERROMPU", "Lise", new DateOnly(2026, 1, 5));
        (_silent, _silentPatient) = await EnrollAsync("SILENCIEUX", "Marc", new DateOnly(2026, 1, 26));
        await EnrollAsync("SUSPENDU", "Rémi", new DateOnly(2026, 1, 5), EnrollmentStatus.Paused);
        await EnrollAsync("WEEKEND", "Inès", new DateOnly(2026, 3, 2), day: DayOfWeek.Saturday);
        await EnrollAsync("AILLEURS", "Jean", new DateOnly(2026, 1, 5), establishment: _riverside);
        await AnswerAsync(_regular, new DateOnly(2026, 2, 16), new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9));
        await AnswerAsync(_lapsed, new DateOnly(2026, 2, 16));

        await Host.InsertAsync(
            // In the period. A1: acted on after 1 h, resolved within its 12 h.
            Alert(_regular, AlertPriority.High, Utc(2, 16, 10), TimeSpan.FromHours(12), firstAction: Utc(2, 16, 11), resolved: Utc(2, 16, 20)),
            // A2: acted on after 30 min, resolved 1 h after its 2 h.
            Alert(_regular, AlertPriority.Urgent, Utc(2, 18, 8), TimeSpan.FromHours(2), firstAction: Utc(2, 18, 8, 30), resolved: Utc(2, 18, 11)),
            // A3: acted on after 4 h, resolved within its 48 h.
            Alert(_regular, AlertPriority.Medium, Utc(2, 24, 9), TimeSpan.FromHours(48), firstAction: Utc(2, 24, 13), resolved: Utc(2, 25, 9)),
            // A4: never acted on, open past its 72 h.
            Alert(_lapsed, AlertPriority.Low, Utc(3, 2, 7), TimeSpan.FromHours(72)),
            // A5: Sunday 8 March 21:00 in Paris, acted on after 10 h, still in progress past its 12 h.
            Alert(_regular, AlertPriority.High, Utc(3, 8, 20), TimeSpan.FromHours(12), firstAction: Utc(3, 9, 6)),
            // A9: open, its 72 h not over yet: its SLA is not decided.
            Alert(_silent, AlertPriority.Low, Utc(3, 8, 10), TimeSpan.FromHours(72)),
            // Out of the period: Monday 9 March 00:30 in Paris (open, so counted among the open alerts)…
            Alert(_regular, AlertPriority.Urgent, Utc(3, 8, 23, 30), TimeSpan.FromHours(2)),
            // … and Sunday 15 February 23:30 in Paris (resolved).
            Alert(_regular, AlertPriority.High, Utc(2, 15, 22, 30), TimeSpan.FromHours(12), firstAction: Utc(2, 15, 23), resolved: Utc(2, 16, 1)));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Gives_the_figures_worked_out_by_hand()
    {
        var figures = await Host.SendAsync(TestData.UserFor(_nurse), new GetDashboardQuery { EstablishmentId = _hospital.Id, From = From, To = To });

        Assert.Equal((From, To), (figures.From, figures.To));

        // Not resolved now: A4 (low), A5 (high), A9 (low) and the urgent one of 9 March.
        Assert.Equal(new AlertCountsByPriority(Urgent: 1, High: 1, Medium: 0, Low: 2), figures.OpenAlerts);
        Assert.Equal(4, figures.OpenAlerts.Total);

        // Raised in the period: A1, A2, A3, A4, A5, A9.
        Assert.Equal(6, figures.AlertsRaised);

        // SLA decided for A1, A2, A3 (resolved) and A4, A5 (past due); A9 is not. Within: A1 and A3. 2 / 5 = 40 %.
        Assert.Equal(new Ratio(2, 5), figures.Sla);
        Assert.Equal(40.0, figures.Sla.Percent);

        // Delays 30 min, 1 h, 4 h, 10 h: the median is halfway between 1 h and 4 h.
        Assert.Equal(4, figures.AlertsActedOn);
        Assert.Equal(TimeSpan.FromMinutes(150), figures.MedianTimeToFirstAction);

        // Weeks due 16 and 23 February and 2 March: Regular 3 of 3, Lapsed 1 of 3, Silent 0 of 3; Weekend's
        // Saturday 7 March is not settled. 4 / 9 = 44.4 %.
        Assert.Equal(new Ratio(4, 9), figures.Adherence);
        Assert.Equal(44.4, figures.Adherence.Percent);

        // Silent missed every week since 26 January (6); Lapsed the 2 since 16 February.
        Assert.Equal(
            [
                new NonResponderRow(_silentPatient.Id, "SILENCIEUX Marc", 56, _silentPatient.Ipp, _silent.Id, _hospital.Id, null, new DateOnly(2026, 3, 2), 6),
                new NonResponderRow(_lapsedPatient.Id, "INTERROMPU Lise", 56, _lapsedPatient.Ipp, _lapsed.Id, _hospital.Id, new DateOnly(2026, 2, 16), new DateOnly(2026, 3, 2), 2),
            ],
            figures.NonResponders);

        Assert.Equal(
            [
                new WeeklyAlertVolume(new DateOnly(2026, 2, 16), Urgent: 1, High: 1, Medium: 0, Low: 0),
                new WeeklyAlertVolume(new DateOnly(2026, 2, 23), Urgent: 0, High: 0, Medium: 1, Low: 0),
                new WeeklyAlertVolume(new DateOnly(2026, 3, 2), Urgent: 0, High: 1, Medium: 0, Low: 2),
            ],
            figures.VolumeByWeek);
    }

    [Fact]
    public async Task Without_a_filter_covers_every_establishment_of_the_user()
    {
        var figures = await Host.SendAsync(TestData.UserFor(_nurse), new GetDashboardQuery { From = From, To = To });

        // The patient followed elsewhere adds three missed weeks and one more non-responder (9 weeks since 5 January).
        Assert.Equal(new Ratio(4, 12), figures.Adherence);
        Assert.Equal(["AILLEURS Jean", "SILENCIEUX Marc", "INTERROMPU Lise"], figures.NonResponders.Select(r => r.PatientName));
        Assert.Equal(9, figures.NonResponders[0].MissedWeeks);
    }

    [Fact]
    public async Task Without_dates_covers_the_twelve_weeks_up_to_today()
    {
        var figures = await Host.SendAsync(TestData.UserFor(_admin), new GetDashboardQuery());

        Assert.Equal((new DateOnly(2025, 12, 17), new DateOnly(2026, 3, 10)), (figures.From, figures.To));
        Assert.Equal(new DateOnly(2025, 12, 15), figures.VolumeByWeek[0].WeekStart);
        Assert.Equal(new DateOnly(2026, 3, 9), figures.VolumeByWeek[^1].WeekStart);
        Assert.Equal(13, figures.VolumeByWeek.Count);
        Assert.Equal(8, figures.AlertsRaised);
    }

    [Fact]
    public async Task Refuses_a_period_that_ends_before_it_starts_or_lasts_over_a_year()
    {
        var user = TestData.UserFor(_nurse);

        var backwards = await Assert.ThrowsAsync<ValidationFailedException>(() => Host.SendAsync(user, new GetDashboardQuery { From = To, To = From }));
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Host.SendAsync(user, new GetDashboardQuery { From = new DateOnly(2025, 1, 1), To = new DateOnly(2026, 3, 1) }));

        Assert.Equal(["From"], backwards.Errors.Keys);
        Assert.Equal(["To"], tooLong.Errors.Keys);
    }

    [Fact]
    public async Task Refuses_an_establishment_of_someone_else_and_audits_the_reading()
    {
        await Host.SendAsync(TestData.UserFor(_admin), new GetDashboardQuery { EstablishmentId = _hospital.Id });
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Host.SendAsync(TestData.UserFor(_admin), new GetDashboardQuery { EstablishmentId = _riverside.Id }));

        var entries = await Host.AuditEntriesAsync(e => e.Action == "dashboard.read" && e.StaffMemberId == _admin.Id);
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Denied], entries.Select(e => e.Outcome));
    }

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static Alert Alert(
        Enrollment enrollment, AlertPriority priority, DateTime raisedAt, TimeSpan sla, DateTime? firstAction = null, DateTime? resolved = null) => new()
    {
        PatientId = enrollment.PatientId,
        EnrollmentId = enrollment.Id,
        EstablishmentId = enrollment.EstablishmentId,
        Kind = AlertKind.Response,
        Priority = priority,
        Status = resolved is not null ? AlertStatus.Resolved : firstAction is not null ? AlertStatus.InProgress : AlertStatus.Open,
        RaisedAt = raisedAt,
        SlaDueAt = raisedAt + sla,
        WeekDueDate = DateOnly.FromDateTime(raisedAt),
        FirstActionAt = firstAction,
        ResolvedAt = resolved,
        RulesVersion = "rules-test",
        Findings = [TriageData.Severe("nausea")],
    };

    private async Task<(Enrollment Enrollment, Patient Patient)> EnrollAsync(
        string familyName, string firstName, DateOnly start, EnrollmentStatus status = EnrollmentStatus.Active,
        DayOfWeek day = DayOfWeek.Monday, Establishment? establishment = null)
    {
        var at = establishment ?? _hospital;
        var patient = TestData.Patient(familyName, firstName, new DateOnly(1970, 1, 1), at);
        var enrollment = TestData.Enrollment(patient, at, status);
        enrollment.StartDate = start;
        enrollment.QuestionnaireDay = day;
        await Host.InsertAsync(patient, enrollment);
        return (enrollment, patient);
    }

    private async Task AnswerAsync(Enrollment enrollment, params DateOnly[] weeks)
    {
        foreach (var week in weeks)
        {
            await Host.InsertAsync(TriageData.Response(
                enrollment, _questionnaire, week, week.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), TriageData.Answer("nausea", 1, 1)));
        }
    }
}

public sealed class GetDashboardSqliteTests(SqliteDatabaseFixture fixture) : GetDashboardTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class GetDashboardPostgresTests(PostgresDatabaseFixture fixture) : GetDashboardTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class GetDashboardSqlServerTests(SqlServerDatabaseFixture fixture) : GetDashboardTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
