using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeleSurv.Portal.BrowserTests.Support;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Infrastructure.Seeding;
using static Microsoft.Playwright.Assertions;

namespace TeleSurv.Portal.BrowserTests.Triage;

/// <summary>
/// Opening a page reads its patient data once: the prerendered HTML and the live page share one read, so the
/// audit trail holds one entry per view, not two.
/// </summary>
public sealed partial class PageViewAuditTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task Opening_an_alert_and_a_patient_chart_writes_one_read_entry_each()
    {
        var nurse = await server.NewPageAsync();
        await PortalPages.SignInAsync(nurse, DemoSeed.IdeLogin);
        var (alertId, patientId) = await OpenRivemontAlertAsync();
        var alertReads = await CountAsync("alert.read", alertId.ToString());
        var chartReads = await CountAsync("patient.chart.read", patientId.ToString());

        await nurse.GotoAsync($"/alerts/{alertId}");
        await PortalPages.WaitForCircuitAsync(nurse);
        // Shown by the live page: had it read again, its entry is written by now.
        await Expect(nurse.Locator($"[data-alert-id='{alertId}']")).ToBeVisibleAsync();
        Assert.Equal(alertReads + 1, await CountAsync("alert.read", alertId.ToString()));

        await nurse.GotoAsync($"/patients/{patientId}");
        await PortalPages.WaitForCircuitAsync(nurse);
        await Expect(nurse.Locator("dl[data-enrollment-id]").First).ToBeVisibleAsync();
        Assert.Equal(chartReads + 1, await CountAsync("patient.chart.read", patientId.ToString()));

        // A second view is a second read.
        await nurse.ReloadAsync();
        await PortalPages.WaitForCircuitAsync(nurse);
        await Expect(nurse.Locator("dl[data-enrollment-id]").First).ToBeVisibleAsync();
        Assert.Equal(chartReads + 2, await CountAsync("patient.chart.read", patientId.ToString()));
    }

    [Fact]
    public async Task The_page_carries_a_token_for_its_reads_not_the_reads()
    {
        var nurse = await server.NewPageAsync();
        await PortalPages.SignInAsync(nurse, DemoSeed.IdeLogin);
        var (_, patientId) = await OpenRivemontAlertAsync();

        var response = await nurse.APIRequest.GetAsync($"/patients/{patientId}");
        var html = await response.TextAsync();

        Assert.Contains("data-enrollment-id", html, StringComparison.Ordinal);
        var state = PersistedState().Match(html);
        Assert.True(state.Success, "the prerendered chart hands something to its live page");
        Assert.True(state.Groups["state"].Length < 2_000, $"the chart's persisted state is {state.Groups["state"].Length} characters");
    }

    [GeneratedRegex("<!--Blazor-Server-Component-State:(?<state>[^-]*)-->")]
    private static partial Regex PersistedState();

    private async Task<(Guid AlertId, Guid PatientId)> OpenRivemontAlertAsync()
    {
        await using var db = await DbAsync();
        var rivemont = await db.Establishments.Where(e => e.Code == DemoSeed.RivemontCode).Select(e => e.Id).SingleAsync();
        var alert = await db.Alerts.AsNoTracking()
            .Where(a => a.EstablishmentId == rivemont && a.Status == AlertStatus.Open)
            .OrderBy(a => a.RaisedAt)
            .Select(a => new { a.Id, a.PatientId })
            .FirstAsync();
        return (alert.Id, alert.PatientId);
    }

    private async Task<int> CountAsync(string action, string targetId)
    {
        await using var db = await DbAsync();
        return await db.AuditEntries.CountAsync(e => e.Action == action && e.TargetId == targetId && e.Actor == "Julien Bernard");
    }

    private Task<PortalDbContext> DbAsync() =>
        server.Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
}
