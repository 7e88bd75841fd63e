using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Application.Tests.Alerts;
using TeleSurv.Portal.Application.Tests.Questionnaires;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Enrollments;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Questionnaires;
using TeleSurv.Portal.Infrastructure.Oru;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Oru;

/// <summary>
/// The optional weekly summary: one ORU^R01 per scheduled week of an enrollment once its answer window closes,
/// answered or not, written once. The clock is moved by hand; messages are read back with python3-hl7.
/// </summary>
/// <remarks>
/// The enrollments start on Monday 2026-01-05 with a weekly questionnaire on Monday, opening 2 days before: the
/// week due 03-02 closes on 03-07 at 00:00 in Paris (03-06 23:00 UTC), the week due 03-09 on 03-13 23:00 UTC.
/// </remarks>
public abstract class OruWeeklySummaryTests(DatabaseProvider provider) : IAsyncLifetime, IDisposable
{
    private static readonly DateTime WeekOf0309Closes = new(2026, 3, 13, 23, 0, 0, DateTimeKind.Utc);

    private readonly Questionnaire _questionnaire = TriageData.Questionnaire();
    private readonly Establishment _hospital = TestData.Establishment("CHU de Rivemont");
    private TestDatabase _database = null!;
    private ApplicationHost _host = null!;

    public async Task InitializeAsync()
    {
        // A database per test: a run looks at every enrollment, so the counts are this test's alone.
        _database = await TestDatabase.CreateAsync(provider);
        _host = new ApplicationHost(_database, services => services.Configure<OruOptions>(o => o.WeeklySummary = true));
        await _host.InsertAsync(_hospital, _questionnaire);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Each_closed_week_is_summarised_once_answered_or_not_and_an_open_week_waits_for_its_close()
    {
        var enrollment = await EnrollmentAsync("ROUSSEAU", "Hélène Marie");
        await _host.InsertAsync(TriageData.Response(
            enrollment, _questionnaire, new DateOnly(2026, 3, 2), new DateTime(2026, 3, 2, 9, 30, 0, DateTimeKind.Utc), 37.8m,
            TriageData.Answer("nausea", frequency: 2, severity: 2),
            TriageData.Answer("fatigue", severity: 1, interference: 1)));

        // 03-10 12:00 UTC, looking back 14 days: the weeks due 02-23 (unanswered) and 03-02 have closed; 03-09 is open.
        var first = await RunAsync();

        Assert.Equal(2, first.SummariesWritten);
        var summaries = await SummariesAsync(enrollment.Id);
        Assert.Equal([new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 2)], summaries.Select(m => m.Week!.Value));
        Assert.All(summaries, m => Assert.Equal(
            (OruMessageKind.WeeklySummary, OruMessageState.Pending, enrollment.PatientId, _hospital.Id, (Guid?)null, (int?)null),
            (m.Kind, m.State, m.PatientId, m.EstablishmentId, m.AlertId, m.ReportVersion)));

        var missed = await PythonHl7.ParseAsync(summaries[0].Message, "MSH.F9.R1.C1", "MSH.F9.R1.C2", "MSH.F10", "ORC.F1", "ORC.F2.R1.C1", "OBR.F4.R1.C1", "OBR.F25");
        Assert.Equal(["MSH", "PID", "PV1", "ORC", "OBR", "OBX"], missed.Segments);
        Assert.Equal(("ORU", "R01", summaries[0].ControlId), (missed["MSH.F9.R1.C1"], missed["MSH.F9.R1.C2"], missed["MSH.F10"]));
        Assert.Equal(("NW", OruMessageEncoder.WeeklySummaryCode, "F"), (missed["ORC.F1"], missed["OBR.F4.R1.C1"], missed["OBR.F25"]));
        Assert.Equal(OruMessageEncoder.SummaryOrderNumber(enrollment.Id, new DateOnly(2026, 2, 23)), missed["ORC.F2.R1.C1"]);
        var missedText = Assert.Single(missed.Observations);
        Assert.Equal(("FT", OruMessageEncoder.WeeklySummaryTextCode, "F"), (missedText[2], missedText[3].Split('^')[0], missedText[11]));
        Assert.Contains("Questionnaire de la semaine du 23/02/2026 : pas de réponse à la clôture, le 28/02/2026 à 00:00.", missedText[5], StringComparison.Ordinal);

        var answered = await PythonHl7.ParseAsync(summaries[1].Message, "PID.F5.R1.C1", "ORC.F2.R1.C1", "OBR.F7");
        Assert.Equal("ROUSSEAU", answered["PID.F5.R1.C1"]);
        Assert.NotEqual(missed["ORC.F2.R1.C1"], answered["ORC.F2.R1.C1"]);
        Assert.StartsWith("20260302103000", answered["OBR.F7"], StringComparison.Ordinal);
        var observations = answered.Observations;
        Assert.Equal(["NM", "NM", "NM", "FT"], observations.Select(o => o[2]));
        Assert.Equal(("nausea.composite", "2", "0-3"), (observations[0][3].Split('^')[0], observations[0][5], observations[0][7]));
        Assert.Equal(("fatigue.composite", "1"), (observations[1][3].Split('^')[0], observations[1][5]));
        Assert.Equal(("8310-5", "37.8", "Cel^degré Celsius^UCUM"), (observations[2][3].Split('^')[0], observations[2][5], observations[2][6]));
        Assert.StartsWith("SYNTHÈSE HEBDOMADAIRE DE TÉLÉSURVEILLANCE MÉDICALE\r", observations[3][5], StringComparison.Ordinal);
        Assert.Contains("reçu le 02/03/2026 à 10:30", observations[3][5], StringComparison.Ordinal);
        Assert.Contains("- Nausées : grade 2 (modéré)", observations[3][5], StringComparison.Ordinal);
        Assert.All(observations, o => Assert.Equal("F", o[11]));

        // Again at the same time, and just before the next close: nothing more.
        Assert.Equal(0, (await RunAsync()).SummariesWritten);
        _host.Clock.Now = WeekOf0309Closes.AddMinutes(-1);
        await _host.InsertAsync(TriageData.Response(
            enrollment, _questionnaire, new DateOnly(2026, 3, 9), new DateTime(2026, 3, 11, 8, 0, 0, DateTimeKind.Utc),
            TriageData.Answer("diarrhea", frequency: 3)));
        Assert.Equal(0, (await RunAsync()).SummariesWritten);

        // At the close of 03-09 its summary goes, once, with its answers.
        _host.Clock.Now = WeekOf0309Closes;
        Assert.Equal(1, (await RunAsync()).SummariesWritten);
        Assert.Equal(0, (await RunAsync()).SummariesWritten);
        var third = (await SummariesAsync(enrollment.Id))[^1];
        Assert.Equal(new DateOnly(2026, 3, 9), third.Week);
        Assert.Equal(["diarrhea.composite"], (await PythonHl7.ParseAsync(third.Message)).Observations.Where(o => o[2] == "NM").Select(o => o[3].Split('^')[0]));
    }

    [Fact]
    public async Task Paused_and_ended_enrollments_and_weeks_before_the_enrollment_are_not_summarised()
    {
        var paused = await EnrollmentAsync("MARTIN", "Paul", e => e.Status = EnrollmentStatus.Paused);
        var ended = await EnrollmentAsync("MOREAU", "Lise", e => e.Status = EnrollmentStatus.Ended);
        var recorded = await EnrollmentAsync("LEROY", "Anne", e => e.CreatedAt = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc));

        var run = await RunAsync();

        Assert.Equal((1, 1), (run.EnrollmentsChecked, run.SummariesWritten));
        Assert.Empty(await SummariesAsync(paused.Id));
        Assert.Empty(await SummariesAsync(ended.Id));
        Assert.Equal([new DateOnly(2026, 3, 2)], (await SummariesAsync(recorded.Id)).Select(m => m.Week!.Value));
    }

    [Fact]
    public async Task Nothing_is_written_when_the_switch_is_off_which_is_the_default()
    {
        var enrollment = await EnrollmentAsync("PETIT", "Jean");
        using var host = new ApplicationHost(_database);

        var run = await host.SendAsync(TestCurrentUser.Anonymous(), new WriteWeeklySummariesCommand());

        Assert.Equal(new WeeklySummaryRun(0, 0, 0), run);
        Assert.Empty(await SummariesAsync(enrollment.Id));
        Assert.False(new OruOptions().WeeklySummary);
    }

    [Fact]
    public async Task Two_instances_running_at_once_write_each_week_once()
    {
        var enrollments = new List<Enrollment>();
        for (var i = 0; i < 4; i++)
        {
            enrollments.Add(await EnrollmentAsync("DURAND", $"Patient{i}"));
        }

        using var other = new ApplicationHost(_database, services => services.Configure<OruOptions>(o => o.WeeklySummary = true));
        var runs = await Task.WhenAll(RunAsync(), other.SendAsync(TestCurrentUser.Anonymous(), new WriteWeeklySummariesCommand()));

        Assert.Equal(8, runs.Sum(r => r.SummariesWritten));
        foreach (var enrollment in enrollments)
        {
            Assert.Equal([new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 2)], (await SummariesAsync(enrollment.Id)).Select(m => m.Week!.Value));
        }
    }

    [Fact]
    public async Task The_database_refuses_a_second_summary_of_the_same_week()
    {
        var enrollment = await EnrollmentAsync("BLANC", "Marc");
        await RunAsync();
        var existing = (await SummariesAsync(enrollment.Id))[0];

        await Assert.ThrowsAsync<DbUpdateException>(() => _host.InsertAsync(new OruOutboxMessage
        {
            ControlId = OruControlId.New(_host.Now),
            Kind = OruMessageKind.WeeklySummary,
            PatientId = enrollment.PatientId,
            EstablishmentId = _hospital.Id,
            EnrollmentId = enrollment.Id,
            Week = existing.Week,
            CreatedAt = _host.Now,
            Message = existing.Message,
            CharacterSet = OruOptions.Utf8,
            NextAttemptAt = _host.Now,
        }));
    }

    [Fact]
    public async Task The_job_writes_at_start_and_again_at_each_interval_of_the_clock()
    {
        var clock = new ManualClock(new DateTimeOffset(WeekOf0309Closes.AddMinutes(-10)));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Oru:Enabled"] = "true",
            ["Oru:SenderEnabled"] = "false",
            ["Oru:WeeklySummary"] = "true",
            ["Oru:WeeklySummaryIntervalMinutes"] = "15",
        }).Build();
        using var host = new ApplicationHost(_database, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddOru(configuration);
        });
        var enrollment = await EnrollmentAsync("FAURE", "Rémi");
        var job = Assert.Single(host.Services.GetServices<IHostedService>(), s => s.GetType().Name == "WeeklySummaryJob");

        await job.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.HoldsAsync(async () => (await SummariesAsync(enrollment.Id)).Count == 2, "the run at start");
            await Eventually.HoldsAsync(() => clock.ActiveTimers == 1, "the interval timer");

            clock.Advance(TimeSpan.FromMinutes(15));
            await Eventually.HoldsAsync(async () => (await SummariesAsync(enrollment.Id)).Count == 3, "the run after one interval");
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }

        Assert.Equal(new DateOnly(2026, 3, 9), (await SummariesAsync(enrollment.Id))[^1].Week);
    }

    [Fact]
    public async Task The_jobs_of_two_hosts_starting_at_once_write_each_week_once()
    {
        var enrollments = new List<Enrollment>();
        for (var i = 0; i < 4; i++)
        {
            enrollments.Add(await EnrollmentAsync("MARTIN", $"Patient{i}"));
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Oru:Enabled"] = "true",
            ["Oru:SenderEnabled"] = "false",
            ["Oru:WeeklySummary"] = "true",
        }).Build();

        // Two portal instances: each its own container, connections and job, on the one database.
        using var first = new ApplicationHost(_database, services => services.AddOru(configuration));
        using var second = new ApplicationHost(_database, services => services.AddOru(configuration));
        var jobs = new[] { first, second }
            .SelectMany(h => h.Services.GetServices<IHostedService>())
            .Where(s => s.GetType().Name == "WeeklySummaryJob")
            .ToList();
        Assert.Equal(2, jobs.Count);

        // Each job runs once at start, both at the same moment.
        await Task.WhenAll(jobs.Select(j => j.StartAsync(CancellationToken.None)));
        try
        {
            await Eventually.HoldsAsync(
                async () => (await Task.WhenAll(enrollments.Select(e => SummariesAsync(e.Id)))).All(w => w.Count >= 2), "the runs at start");
            await Task.Delay(500);
        }
        finally
        {
            await Task.WhenAll(jobs.Select(j => j.StopAsync(CancellationToken.None)));
        }

        foreach (var enrollment in enrollments)
        {
            Assert.Equal([new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 2)], (await SummariesAsync(enrollment.Id)).Select(m => m.Week!.Value));
        }
    }

    [Fact]
    public void The_job_is_not_registered_unless_the_switch_is_on()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Oru:Enabled"] = "true",
            ["Oru:SenderEnabled"] = "false",
        }).Build();
        using var host = new ApplicationHost(_database, services => services.AddOru(configuration));

        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().Name == "WeeklySummaryJob");
    }

    private Task<WeeklySummaryRun> RunAsync() => _host.SendAsync(TestCurrentUser.Anonymous(), new WriteWeeklySummariesCommand());

    private async Task<Enrollment> EnrollmentAsync(string familyName, string firstNames, Action<Enrollment>? change = null)
    {
        var patient = TestData.Patient(familyName, firstNames, new DateOnly(1958, 4, 2), _hospital);
        var enrollment = TestData.Enrollment(patient, _hospital);
        change?.Invoke(enrollment);
        await _host.InsertAsync(patient, enrollment);
        return enrollment;
    }

    private async Task<List<OruOutboxMessage>> SummariesAsync(Guid enrollmentId)
    {
        await using var db = _database.CreateContext();
        return await db.OruOutbox.AsNoTracking().Where(m => m.EnrollmentId == enrollmentId).OrderBy(m => m.Week).ToListAsync();
    }
}

public sealed class OruWeeklySummarySqliteTests() : OruWeeklySummaryTests(DatabaseProvider.Sqlite);

public sealed class OruWeeklySummaryPostgresTests() : OruWeeklySummaryTests(DatabaseProvider.Postgres);

[OnSqlServer]
public sealed class OruWeeklySummarySqlServerTests() : OruWeeklySummaryTests(DatabaseProvider.SqlServer);
