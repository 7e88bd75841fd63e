using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Infrastructure;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Questionnaires;

/// <summary>
/// The non-responder job of two portal instances on one database, both starting at once: one alert per missed week,
/// whatever the number of instances. The follow-ups answer on Mondays from 2026-03-09; on 2026-03-19 23:00 UTC the
/// weeks due 03-09 and 03-16 are both past their grace days.
/// </summary>
public abstract class NonResponderJobTwoHostsTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateOnly Week = new(2026, 3, 9);

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_jobs_of_two_hosts_starting_at_once_raise_one_alert_per_missed_week()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 19, 23, 0, 0, TimeSpan.Zero));

        // Two portal instances: each its own container, connections and job, on the one database.
        using var first = HostWith(clock);
        using var second = HostWith(clock);
        var patients = new List<PatientScenario>();
        for (var i = 0; i < 6; i++)
        {
            patients.Add(await PatientScenario.CreateAsync(
                i % 2 == 0 ? first : second,
                e =>
                {
                    e.StartDate = Week;
                    e.CreatedAt = new DateTime(2026, 3, 6, 9, 0, 0, DateTimeKind.Utc);
                },
                issueLink: false));
        }

        var jobs = new[] { first, second }.Select(h => Assert.Single(h.Services.GetServices<IHostedService>())).ToList();

        // Each job checks once at start, both at the same moment.
        await Task.WhenAll(jobs.Select(j => j.StartAsync(CancellationToken.None)));
        try
        {
            await Eventually.HoldsAsync(
                async () => (await Task.WhenAll(patients.Select(p => p.AlertsAsync()))).All(a => a.Count >= 2), "the checks at start");
            // Time for the slower of the two checks to finish, and to show a second alert if it were to raise one.
            await Task.Delay(500);
        }
        finally
        {
            await Task.WhenAll(jobs.Select(j => j.StopAsync(CancellationToken.None)));
        }

        foreach (var patient in patients)
        {
            var alerts = await patient.AlertsAsync();
            Assert.All(alerts, a => Assert.Equal(AlertKind.NonResponder, a.Kind));
            Assert.Equal([Week, Week.AddDays(7)], alerts.Select(a => a.WeekDueDate).Order());
        }
    }

    private ApplicationHost HostWith(ManualClock clock)
    {
        var configuration = new ConfigurationBuilder().Build();
        return new ApplicationHost(_database, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddClinicalRules(configuration);
        });
    }
}

public sealed class NonResponderJobTwoHostsSqliteTests() : NonResponderJobTwoHostsTests(DatabaseProvider.Sqlite);

public sealed class NonResponderJobTwoHostsPostgresTests() : NonResponderJobTwoHostsTests(DatabaseProvider.Postgres);

[OnSqlServer]
public sealed class NonResponderJobTwoHostsSqlServerTests() : NonResponderJobTwoHostsTests(DatabaseProvider.SqlServer);
