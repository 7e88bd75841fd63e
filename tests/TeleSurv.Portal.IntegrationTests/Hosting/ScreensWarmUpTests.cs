using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;
using TeleSurv.Portal.Web.Components.WarmUp;

namespace TeleSurv.Portal.IntegrationTests.Hosting;

/// <summary>The screens' components are rendered once at start, before the first request, and quietly.</summary>
public sealed class ScreensWarmUpTests
{
    [Fact]
    public async Task A_starting_portal_renders_the_screens_components_before_it_answers_and_nothing_complains()
    {
        var logs = new CapturingLoggerProvider();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        await using var portal = new PortalAppFactory(database.WithSettings(("Demo:SeedOnEmptyDatabase", "false")),
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = PortalClient.CreateClient(portal);

        using var signIn = await client.GetAsync(new Uri("/account/signin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains(logs.Entries, e => e.Category == typeof(ScreensWarmUpRunner).FullName && e.Message.Contains("rendered once", StringComparison.Ordinal));
        var complaints = logs.Entries.Where(e => e.Level >= LogLevel.Warning && (e.Category.StartsWith("MudBlazor", StringComparison.Ordinal)
            || e.Category.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal) || e.Category == typeof(ScreensWarmUpRunner).FullName));
        Assert.Empty(complaints);
    }

    [Fact]
    public async Task The_warm_up_renders_the_grid_with_its_rows()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        await using var portal = new PortalAppFactory(database.WithSettings(("Demo:SeedOnEmptyDatabase", "false")));
        using var client = PortalClient.CreateClient(portal);

        var html = await portal.Services.WarmUpScreensAsync(CancellationToken.None);

        // One made-up row per priority, in order: the rows' code ran, not only the grid's.
        var rows = Regex.Matches(html, "<tr [^>]*class=\"[^\"]*\\b(Urgent|High|Medium|Low)\\b").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(Enum.GetNames<AlertPriority>(), rows);
    }

    [Fact]
    public async Task A_warm_up_that_fails_is_logged_and_does_not_stop_the_start()
    {
        var logs = new CapturingLoggerProvider();
        await using var services = new ServiceCollection().AddLogging(b => b.AddProvider(logs)).BuildServiceProvider();

        var written = await services.WarmUpScreensAsync(CancellationToken.None);

        Assert.Empty(written);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Category == typeof(ScreensWarmUpRunner).FullName);
    }
}
