using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeleSurv.Portal.Application.Tests.Support;
using TeleSurv.Portal.Infrastructure;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.Application.Tests.Questionnaires;

/// <summary>
/// The non-responder job as AddClinicalRules registers it, on a manual clock: it checks at start, then once per
/// interval of that clock, and stops with the host.
/// </summary>
public sealed class NonResponderJobTests(SqliteDatabaseFixture fixture) : IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public async Task The_job_checks_at_start_and_then_at_each_interval_of_the_clock()
    {
        // Week due 03-09 is missed from 2026-03-12 23:00 UTC; the week due 03-02 of the earlier follow-up already was.
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 12, 22, 50, 0, TimeSpan.Zero));
        using var host = HostWith(clock, ("Clinical:NonResponder:IntervalMinutes", "15"));
        var earlier = await PatientScenario.CreateAsync(host, e => e.StartDate = new DateOnly(2026, 3, 2), issueLink: false);
        var patient = await PatientScenario.CreateAsync(host, e => e.StartDate = new DateOnly(2026, 3, 9), issueLink: false);
        var job = Assert.Single(host.Services.GetServices<IHostedService>());

        await job.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.HoldsAsync(async () => (await earlier.AlertsAsync()).Count == 1, "the check at start");
            await Eventually.HoldsAsync(() => clock.ActiveTimers == 1, "the interval timer");
            Assert.Empty(await patient.AlertsAsync());

            clock.Advance(TimeSpan.FromMinutes(14));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            Assert.Empty(await patient.AlertsAsync());

            clock.Advance(TimeSpan.FromMinutes(1));
            await Eventually.HoldsAsync(async () => (await patient.AlertsAsync()).Count == 1, "the check after one interval");
            Assert.Equal(2, (await earlier.AlertsAsync()).Count);
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }

        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public void The_job_is_not_registered_where_it_is_turned_off()
    {
        using var host = HostWith(new ManualClock(ApplicationHost.DefaultNow), ("Clinical:NonResponder:JobEnabled", "false"));

        Assert.Empty(host.Services.GetServices<IHostedService>());
    }

    private ApplicationHost HostWith(ManualClock clock, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ApplicationHost(fixture.Database, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddClinicalRules(configuration);
        });
    }
}
