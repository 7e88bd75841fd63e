using TeleSurv.Portal.Application.Common.Exceptions;
using TeleSurv.Portal.Application.Enrollments;
using TeleSurv.Portal.Application.PatientLinks;
using TeleSurv.Portal.Application.Questionnaires;
using TeleSurv.Portal.Application.Tests.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Enrollments;

/// <summary>
/// The monthly activity export: follow-ups of one establishment with at least one response in a calendar month of
/// the patients' time zone (Europe/Paris), with their enrolment and prescription dates.
/// </summary>
public abstract class MonthlyActivityTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Only_follow_ups_with_a_response_in_the_month_count_and_the_month_is_a_paris_month()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var jeanne = await EnrolWithLinkAsync(scenario, scenario.Patient.Id, new DateOnly(2026, 2, 2));
        var other = TestData.Patient("BERNARD", "Paul", new DateOnly(1950, 1, 1), scenario.Establishment, ins: "150019912345678");
        await Host.InsertAsync(other);
        var paul = await EnrolWithLinkAsync(scenario, other.Id, new DateOnly(2026, 2, 2));

        // Weeks due on Mondays. Jeanne answers in February (week of 02-23) and on 28 February at 23:30 UTC, which
        // is already 1 March in Paris (week of 03-02). Paul answers in February only.
        await SubmitAtAsync(jeanne, new DateOnly(2026, 2, 23), new DateTime(2026, 2, 25, 10, 0, 0, DateTimeKind.Utc));
        await SubmitAtAsync(jeanne, new DateOnly(2026, 3, 2), new DateTime(2026, 2, 28, 23, 30, 0, DateTimeKind.Utc));
        await SubmitAtAsync(paul, new DateOnly(2026, 2, 23), new DateTime(2026, 2, 26, 8, 0, 0, DateTimeKind.Utc));

        var march = await Host.SendAsync(scenario.AdminUser, new GetMonthlyActivityQuery(scenario.Establishment.Id, 2026, 3));
        var february = await Host.SendAsync(scenario.AdminUser, new GetMonthlyActivityQuery(scenario.Establishment.Id, 2026, 2));
        var april = await Host.SendAsync(scenario.AdminUser, new GetMonthlyActivityQuery(scenario.Establishment.Id, 2026, 4));

        var row = Assert.Single(march.Rows);
        Assert.Equal((scenario.Patient.Id, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1)), (row.PatientId, row.ResponsesInMonth, row.FirstResponseOn, row.LastResponseOn));
        Assert.Equal(
            (new DateOnly(2026, 2, 2), new DateOnly(2026, 9, 1), new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 2), TreatmentType.Immunotherapy),
            (row.PrescriptionStart, row.PrescriptionEnd, row.ConsentDate, row.EnrolledOn, row.Treatment));
        Assert.Equal((scenario.Establishment.Code, scenario.Establishment.Finess, 2026, 3), (march.EstablishmentCode, march.Finess, march.Year, march.Month));
        Assert.Equal(["BERNARD", "ATTENTE"], february.Rows.Select(r => r.BirthFamilyName).OrderDescending());
        Assert.Equal("150019912345678", Assert.Single(february.Rows, r => r.PatientId == other.Id).Ins);
        Assert.Empty(april.Rows);
    }

    [Fact]
    public async Task Another_establishment_s_activity_is_refused_and_a_bad_month_is_invalid()
    {
        var scenario = await EnrollmentScenario.CreateAsync(Host);
        var elsewhere = await EnrollmentScenario.CreateAsync(Host);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            Host.SendAsync(scenario.AdminUser, new GetMonthlyActivityQuery(elsewhere.Establishment.Id, 2026, 3)));
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Host.SendAsync(scenario.AdminUser, new GetMonthlyActivityQuery(scenario.Establishment.Id, 2026, 13)));
        Assert.Equal(["Month"], invalid.Errors.Keys);
    }

    private async Task<(Guid EnrollmentId, string Token)> EnrolWithLinkAsync(EnrollmentScenario scenario, Guid patientId, DateOnly start)
    {
        var saved = Host.Clock.Now;
        Host.Clock.Now = new DateTimeOffset(start.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        try
        {
            var created = await scenario.EnrolAsync(scenario.Command(patientId) with
            {
                StartDate = start,
                ConsentDate = start,
                PrescriptionEnd = start.AddMonths(7).AddDays(-1),
                QuestionnaireDay = DayOfWeek.Monday,
            });
            var issued = await Host.SendAsync(scenario.AdminUser, new IssuePatientLinkCommand(patientId, created.EnrollmentId));
            return (created.EnrollmentId, issued.Token);
        }
        finally
        {
            Host.Clock.Now = saved;
        }
    }

    private async Task SubmitAtAsync((Guid EnrollmentId, string Token) followUp, DateOnly week, DateTime at)
    {
        var saved = Host.Clock.Now;
        Host.Clock.Now = new DateTimeOffset(at, TimeSpan.Zero);
        try
        {
            await Host.SendAsync(TestCurrentUser.Anonymous(), new SubmitQuestionnaireResponseCommand
            {
                Token = followUp.Token,
                Week = week,
                Items = Answers.Calm(),
                PatientUrgent = false,
            });
        }
        finally
        {
            Host.Clock.Now = saved;
        }
    }
}

public sealed class MonthlyActivitySqliteTests(SqliteDatabaseFixture fixture) : MonthlyActivityTests(fixture), IClassFixture<SqliteDatabaseFixture>;

public sealed class MonthlyActivityPostgresTests(PostgresDatabaseFixture fixture) : MonthlyActivityTests(fixture), IClassFixture<PostgresDatabaseFixture>;

[OnSqlServer]
public sealed class MonthlyActivitySqlServerTests(SqlServerDatabaseFixture fixture) : MonthlyActivityTests(fixture), IClassFixture<SqlServerDatabaseFixture>;
