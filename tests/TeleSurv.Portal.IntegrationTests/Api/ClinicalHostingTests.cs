using System.Net;
using System.Text.Json.Nodes;
using TeleSurv.Portal.Domain.Alerts;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Api;

/// <summary>The clinical settings and the non-responder job as the running portal wires them.</summary>
public sealed class ClinicalHostingTests
{
    [Theory, MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task The_running_portal_flags_missed_weeks_at_start(DatabaseProvider provider)
    {
        // Answering today and on the same weekday of the four weeks before, never answered: those four are missed.
        await using var database = await TestDatabase.CreateAsync(provider, TestSchema.Migrations);
        var patient = await ApiPatient.CreateAsync(database);
        await using var factory = new PortalAppFactory(database.WithSettings(("Demo:SeedOnEmptyDatabase", "false")));

        factory.StartServer();

        List<Alert> alerts = [];
        await Eventually.HoldsAsync(async () => (alerts = await patient.AlertsAsync()).Count >= 4, "four missed-week alerts");

        Assert.All(alerts, a => Assert.Equal((AlertKind.NonResponder, AlertPriority.Low), (a.Kind, a.Priority)));
        Assert.Equal(
            [patient.OpenWeek.AddDays(-28), patient.OpenWeek.AddDays(-21), patient.OpenWeek.AddDays(-14), patient.OpenWeek.AddDays(-7)],
            alerts.Select(a => a.WeekDueDate).Order());
    }

    [Fact]
    public async Task Clinical_settings_given_to_the_portal_drive_its_rules()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        await using var factory = new PortalAppFactory(database.WithSettings(
            ("Demo:SeedOnEmptyDatabase", "false"),
            ("Clinical:NonResponder:JobEnabled", "false"),
            ("Clinical:AlertRules:PatientUrgencyPriority", "Urgent"),
            ("Clinical:Sla:UrgentHours", "1")));
        using var client = PortalClient.CreateClient(factory);
        var patient = await ApiPatient.CreateAsync(database);

        using var response = await client.SendAsync(patient.Post(patient.Body(b => b["patientUrgent"] = true)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("urgent", body["alert"]!["priority"]!.GetValue<string>());
        var alert = Assert.Single(await patient.AlertsAsync());
        Assert.Equal(alert.RaisedAt.AddHours(1), alert.SlaDueAt);
    }

    [Fact]
    public async Task A_wrong_clinical_setting_stops_the_portal_with_one_sentence_naming_it()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Clinical__AlertRules__FeverThresholdCelsius"] = "38,5",
        };

        var (exitCode, output, error) = await PortalCommandLine.RunUntilExitAsync(environment, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(
            "TeleSurv cannot start: Clinical:AlertRules:FeverThresholdCelsius is \"38,5\", which is not a number (with a dot as decimal separator).",
            line);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
    }
}
