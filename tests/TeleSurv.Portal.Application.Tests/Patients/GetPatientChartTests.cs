using TeleSurv.Portal.Application.Alerts;
using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Patients;
using TeleSurv.Portal.Application.Tests.Alerts;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Domain.Auditing;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Domain.Staff;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Patients;

/// <summary>
/// One patient followed weekly (Mondays) at the hospital since Monday 5 January 2026, "now" being Tuesday 10 March:
/// ten weeks due, three answered (16 February, 2 and 9 March), the last one raising an alert that a nurse claimed
/// and advised on. The same patient is also followed elsewhere, which the hospital's users must not see.
/// </summary>
public abstract class GetPatientChartTests(DatabaseFixture fixture) : DatabaseTest(fixture), IAsyncLifetime
{
    private readonly Establishment _hospital = TestData.Establishment("Hôpital de Bellevue");
    private readonly Establishment _riverside = TestData.Establishment("Centre hospitalier de la Rivière");
    private readonly Questionnaire _questionnaire = TriageData.Questionnaire();
    private StaffMember _nurse = null!;
    private StaffMember _riversideNurse = null!;
    private Patient _patient = null!;
    private Enrollment _enrollment = null!;
    private QuestionnaireResponse[] _responses = null!;
    private Alert _alert = null!;
    private QuestionnaireResponse _riversideResponse = null!;

    public async Task InitializeAsync()
    {
        _nurse = TestData.Staff(StaffRole.Ide, "Claire MARTIN", _hospital);
        _riversideNurse = TestData.Staff(StaffRole.Ide, "Nina RIVIÈRE", _riverside);
        _patient = TestData.Patient("LEROY", "Anne", new DateOnly(1958, 7, 1), _hospital);
        _enrollment = TestData.Enrollment(_patient, _hospital);
        var riversideEnrollment = TestData.Enrollment(_patient, _riverside, EnrollmentStatus.Ended);
        await Host.InsertAsync(_hospital, _riverside, _questionnaire, _nurse, _riversideNurse, _patient, _enrollment, riversideEnrollment);

        _responses =
        [
            TriageData.Response(_enrollment, _questionnaire, new DateOnly(2026, 2, 16), new DateTime(2026, 2, 16, 10, 0, 0, DateTimeKind.Utc),
                TriageData.Answer("nausea", 1, 1)),
            TriageData.Response(_enrollment, _questionnaire, new DateOnly(2026, 3, 2), new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc),
                TriageData.Answer("nausea", 2, 2), TriageData.Answer("fatigue", severity: 1, interference: 1)),
            TriageData.Response(_enrollment, _questionnaire, new DateOnly(2026, 3, 9), new DateTime(2026, 3, 9, 9, 0, 0, DateTimeKind.Utc),
                TriageData.Answer("nausea", 3, 3)),
        ];
        _alert = TriageData.AlertFor(
            _responses[2], _enrollment, AlertPriority.High, new DateTime(2026, 3, 9, 9, 5, 0, DateTimeKind.Utc), TimeSpan.FromHours(12),
            TriageData.Severe("nausea"));
        _riversideResponse = TriageData.Response(
            riversideEnrollment, _questionnaire, new DateOnly(2026, 3, 2), new DateTime(2026, 3, 3, 8, 0, 0, DateTimeKind.Utc),
            TriageData.Answer("vomiting", 3, 3));
        await Host.InsertAsync([.. _responses, _alert, _riversideResponse]);

        var nurse = TestData.UserFor(_nurse);
        var claimed = await Host.SendAsync(nurse, new ClaimAlertCommand(_alert.Id, _alert.Version));
        Host.Clock.Advance(TimeSpan.FromMinutes(10));
        await Host.SendAsync(nurse, new RecordAdviceCommand(_alert.Id, claimed.Version, "Fractionner les repas."));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Shows_the_banner_and_the_enrolment_with_its_schedule_so_far()
    {
        var chart = await Host.SendAsync(TestData.UserFor(_nurse), new GetPatientChartQuery(_patient.Id));

        Assert.Equal(("LEROY Anne", 67, _enrollment.Id), (chart.Banner.DisplayName, chart.Banner.Age, chart.Banner.EnrollmentId));
        var enrollment = Assert.Single(chart.Enrollments);
        Assert.Equal((_enrollment.Id, "Hôpital de Bellevue", EnrollmentStatus.Active), (enrollment.EnrollmentId, enrollment.EstablishmentName, enrollment.Status));
        Assert.Equal((1, DayOfWeek.Monday, new DateOnly(2026, 1, 5)), (enrollment.CadenceWeeks, enrollment.QuestionnaireDay, enrollment.StartDate));
        Assert.Equal((ConsentDecision.Given, new DateOnly(2026, 1, 5), ConsentMethod.Paper), (enrollment.ConsentDecision, enrollment.ConsentDate, enrollment.ConsentMethod));
        Assert.Equal((10, 3, new DateOnly(2026, 3, 16)), (enrollment.WeeksDue, enrollment.WeeksAnswered, enrollment.NextDueDate));
    }

    [Fact]
    public async Task The_timeline_lists_responses_alerts_and_actions_newest_first_by_page()
    {
        var user = TestData.UserFor(_nurse);

        var first = await Host.SendAsync(user, new GetPatientChartQuery(_patient.Id) { PageSize = 4 });
        var second = await Host.SendAsync(user, new GetPatientChartQuery(_patient.Id) { PageSize = 4, Page = 2 });

        Assert.Equal(6, first.Timeline.TotalCount);
        Assert.Equal(
            [TimelineEntryKind.Action, TimelineEntryKind.Action, TimelineEntryKind.Alert, TimelineEntryKind.Response],
            first.Timeline.Items.Select(e => e.Kind));
        Assert.Equal([TriageActionKind.Advice, TriageActionKind.Claim], first.Timeline.Items.Take(2).Select(e => e.ActionKind!.Value));
        Assert.Equal(("Claire MARTIN", "Fractionner les repas.", _alert.Id), (first.Timeline.Items[0].StaffName, first.Timeline.Items[0].Note, first.Timeline.Items[0].AlertId));
        Assert.Equal(new LocalizedText("Alerte élevée : Grade 3 (sévère) : Nausées", "High alert: Grade 3 (severe): Nausea (feeling sick to your stomach)"), first.Timeline.Items[2].Summary);
        Assert.Equal((_responses[2].Id, 3, "nausea"), (first.Timeline.Items[3].Id, first.Timeline.Items[3].Grade, first.Timeline.Items[3].ItemKey));
        Assert.Equal("Questionnaire de la semaine du 09/03/2026 : grade 3 au plus (Nausées)", first.Timeline.Items[3].Summary.Fr);
        Assert.Equal([_responses[1].Id, _responses[0].Id], second.Timeline.Items.Select(e => e.Id));
        Assert.Equal(2, second.Timeline.PageCount);
    }

    [Fact]
    public async Task The_timeline_lists_only_the_kinds_asked_for_counted_and_paged_among_themselves()
    {
        var user = TestData.UserFor(_nurse);

        var alertsAndActs = await Host.SendAsync(user, new GetPatientChartQuery(_patient.Id) { TimelineKinds = [TimelineEntryKind.Alert, TimelineEntryKind.Action] });
        var responses = await Host.SendAsync(user, new GetPatientChartQuery(_patient.Id) { TimelineKinds = [TimelineEntryKind.Response], PageSize = 2, Page = 2 });

        Assert.Equal(3, alertsAndActs.Timeline.TotalCount);
        Assert.Equal([TimelineEntryKind.Action, TimelineEntryKind.Action, TimelineEntryKind.Alert], alertsAndActs.Timeline.Items.Select(e => e.Kind));
        Assert.Equal(3, responses.Timeline.TotalCount);
        Assert.Equal([_responses[0].Id], responses.Timeline.Items.Select(e => e.Id));
        // The heatmap does not depend on the timeline's filter.
        Assert.Equal(10, responses.Heatmap.Weeks.Count);
    }

    [Fact]
    public async Task Refuses_a_timeline_kind_that_does_not_exist()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Host.SendAsync(TestData.UserFor(_nurse), new GetPatientChartQuery(_patient.Id) { TimelineKinds = [(TimelineEntryKind)42] }));

        Assert.StartsWith("TimelineKinds", Assert.Single(error.Errors.Keys), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_shows_the_hospital_movements_received_by_adt_cancelled_ones_marked()
    {
        var admission = Movement("A01", new DateTime(2026, 3, 9, 14, 0, 0, DateTimeKind.Utc), "Oncologie médicale", "V000123");
        var transfer = Movement("A02", new DateTime(2026, 3, 9, 16, 0, 0, DateTimeKind.Utc), "Soins intensifs", null);
        transfer.Cancel("A12", new DateTime(2026, 3, 9, 17, 0, 0, DateTimeKind.Utc), Guid.CreateVersion7());
        await Host.InsertAsync(admission, transfer);

        var chart = await Host.SendAsync(TestData.UserFor(_nurse), new GetPatientChartQuery(_patient.Id) { PageSize = 4 });

        Assert.Equal(8, chart.Timeline.TotalCount);
        Assert.Equal(
            [TimelineEntryKind.Action, TimelineEntryKind.Action, TimelineEntryKind.Movement, TimelineEntryKind.Movement],
            chart.Timeline.Items.Select(e => e.Kind));
        Assert.Equal(new LocalizedText("Mutation (A02) annulée · Soins intensifs", "Transfer (A02) cancelled · Soins intensifs"), chart.Timeline.Items[2].Summary);
        Assert.Equal(new LocalizedText("Admission (A01) · Oncologie médicale", "Admission (A01) · Oncologie médicale"), chart.Timeline.Items[3].Summary);
        Assert.Equal((admission.Id, "Venue V000123"), (chart.Timeline.Items[3].Id, chart.Timeline.Items[3].Note));
    }

    private AdtMovement Movement(string trigger, DateTime at, string careUnit, string? visit) => new()
    {
        PatientId = _patient.Id,
        MovementId = "MVT-" + trigger + at.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MovementAuthority = "RIVEMONT",
        Trigger = trigger,
        At = at,
        PatientClass = PatientClass.Virtual,
        VisitNumber = visit,
        CareUnitName = careUnit,
        RecordedAt = at,
        UpdatedAt = at,
    };

    [Fact]
    public async Task The_heatmap_shows_each_graded_symptom_by_week_and_the_weeks_left_unanswered()
    {
        var chart = await Host.SendAsync(TestData.UserFor(_nurse), new GetPatientChartQuery(_patient.Id));

        var heatmap = chart.Heatmap;
        Assert.Equal((new DateOnly(2025, 12, 17), new DateOnly(2026, 3, 10)), (heatmap.From, heatmap.Until));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => new DateOnly(2026, 1, 5).AddDays(7 * i)), heatmap.Weeks.Select(w => w.DueDate));
        Assert.Equal([false, false, false, false, false, false, true, false, true, true], heatmap.Weeks.Select(w => w.Answered));
        Assert.Equal(
            QuestionnaireCatalog.Current.Items.Where(i => !i.IsPresenceItem).Select(i => i.Key),
            heatmap.Rows.Select(r => r.ItemKey));
        Assert.DoesNotContain(heatmap.Rows, r => r.ItemKey == "rash");
        Assert.Equal([null, null, null, null, null, null, 1, null, 2, 3], heatmap.Rows.Single(r => r.ItemKey == "nausea").Grades);
        Assert.Equal([null, null, null, null, null, null, null, null, 1, null], heatmap.Rows.Single(r => r.ItemKey == "fatigue").Grades);
        Assert.All(heatmap.Rows.Single(r => r.ItemKey == "vomiting").Grades, Assert.Null);
    }

    public static TheoryData<string, DateTimeOffset, DateOnly> AnsweredWeeks => new()
    {
        // Paris is UTC+1 until Sunday 29 March 2026, 02:00, then UTC+2.
        { "the window's first minute, two days before the due date", new(2026, 3, 13, 23, 0, 0, TimeSpan.Zero), new(2026, 3, 16) },
        { "the due date", new(2026, 3, 16, 10, 0, 0, TimeSpan.Zero), new(2026, 3, 16) },
        { "the window's last minute, Friday 23:59 in Paris", new(2026, 3, 20, 22, 59, 0, TimeSpan.Zero), new(2026, 3, 16) },
        { "Saturday 00:30 in Paris, still Friday in UTC, the night before the clocks change", new(2026, 3, 27, 23, 30, 0, TimeSpan.Zero), new(2026, 3, 30) },
        { "Friday 23:30 in Paris in summer time, after the change", new(2026, 4, 3, 21, 30, 0, TimeSpan.Zero), new(2026, 3, 30) },
    };

    [Theory]
    [MemberData(nameof(AnsweredWeeks))]
    public async Task The_heatmap_includes_the_week_just_answered(string when, DateTimeOffset answeredAt, DateOnly week)
    {
        Host.Clock.Now = answeredAt;
        await Host.InsertAsync(TriageData.Response(_enrollment, _questionnaire, week, answeredAt.UtcDateTime, TriageData.Answer("nausea", 2, 2)));

        var chart = await Host.SendAsync(TestData.UserFor(_nurse), new GetPatientChartQuery(_patient.Id));

        var column = chart.Heatmap.Weeks.ToList().FindIndex(w => w.DueDate == week);
        Assert.True(column >= 0, $"Answered at {when}: the week of {week:yyyy-MM-dd} is missing from the heatmap.");
        Assert.True(chart.Heatmap.Weeks[column].Answered);
        Assert.Equal(2, chart.Heatmap.Rows.Single(r => r.ItemKey == "nausea").Grades[column]);
    }

    [Fact]
    public async Task The_heatmap_period_can_be_chosen()
    {
        var chart = await Host.SendAsync(TestData.UserFor(_nurse), new GetPatientChartQuery(_patient.Id)
        {
            HeatmapWeeks = 4,
            HeatmapUntil = new DateOnly(2026, 3, 9),
        });

        Assert.Equal(
            [new DateOnly(2026, 2, 16), new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9)],
            chart.Heatmap.Weeks.Select(w => w.DueDate));
        Assert.Equal([1, null, 2, 3], chart.Heatmap.Rows.Single(r => r.ItemKey == "nausea").Grades);
    }

    [Fact]
    public async Task Another_establishments_follow_up_stays_out_of_the_chart()
    {
        var chart = await Host.SendAsync(TestData.UserFor(_nurse), new GetPatientChartQuery(_patient.Id));

        Assert.DoesNotContain(chart.Timeline.Items, e => e.Id == _riversideResponse.Id);
        Assert.All(chart.Heatmap.Rows.Single(r => r.ItemKey == "vomiting").Grades, Assert.Null);
        Assert.Single(chart.Enrollments);
    }

    [Fact]
    public async Task A_user_of_the_other_establishment_sees_only_its_own_follow_up()
    {
        var chart = await Host.SendAsync(TestData.UserFor(_riversideNurse), new GetPatientChartQuery(_patient.Id));

        Assert.Equal((_riverside.Id, EnrollmentStatus.Ended), (chart.Banner.EstablishmentId, chart.Banner.EnrollmentStatus));
        Assert.Equal([_riversideResponse.Id], chart.Timeline.Items.Select(e => e.Id));
        Assert.Equal(3, chart.Heatmap.Rows.Single(r => r.ItemKey == "vomiting").Grades.Single(g => g is not null));
    }

    [Fact]
    public async Task A_patient_not_followed_by_the_users_establishments_is_not_found()
    {
        var stranger = TestData.Patient("ÉTRANGER", "Paul", new DateOnly(1970, 1, 1), _riverside);
        await Host.InsertAsync(stranger, TestData.Enrollment(stranger, _riverside));

        await Assert.ThrowsAnyAsync<NotFoundException>(() => Host.SendAsync(TestData.UserFor(_nurse), new GetPatientChartQuery(stranger.Id)));
    }

    [Fact]
    public async Task Reading_the_chart_is_audited_and_an_admin_may_not()
    {
        var admin = TestData.Staff(StaffRole.Admin, "Adèle ADMIN", _hospital);
        await Host.InsertAsync(admin);

        await Host.SendAsync(TestData.UserFor(_nurse), new GetPatientChartQuery(_patient.Id));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Host.SendAsync(TestData.UserFor(admin), new GetPatientChartQuery(_patient.Id)));

        var entries = await Host.AuditEntriesAsync(e => e.Action == "patient.chart.read" && e.PatientId == _patient.Id);
        Assert.Equal([AuditOutcome.Success, AuditOutcome.Denied], entries.Select(e => e.Outcome));
    }

    [Fact]
    public async Task Refuses_an_oversized_heatmap_or_page()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Host.SendAsync(TestData.UserFor(_nurse), new GetPatientChartQuery(_patient.Id) { HeatmapWeeks = 60, PageSize = 500 }));

        Assert.Equal(["HeatmapWeeks", "PageSize"], error.Errors.Keys.Order());
    }
}

public sealed class GetPatientChartSqliteTests(SqliteDatabaseFixture fixture) : GetPatientChartTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class GetPatientChartPostgresTests(PostgresDatabaseFixture fixture) : GetPatientChartTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class GetPatientChartSqlServerTests(SqlServerDatabaseFixture fixture) : GetPatientChartTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
