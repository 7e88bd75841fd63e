using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TeleSurv.Portal.Application.Abstractions;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Infrastructure.Seeding;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Security;

/// <summary>
/// Logs leave the hospital's care (files, collectors, support tickets): they carry no patient identity and no
/// patient link secret, whatever the portal is asked, rightly or wrongly.
/// </summary>
public sealed class PatientDataInLogsTests
{
    [Fact]
    public async Task Clinicians_pages_and_the_patient_api_with_good_and_bad_input_log_no_patient_identity()
    {
        var logs = new CapturingLoggerProvider();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, TestSchema.None);
        await using var portal = new PortalAppFactory(
            database.WithSettings(("Demo:SeedOnEmptyDatabase", "true")),
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = PortalClient.CreateClient(portal);

        await PortalClient.SignInAsync(client, DemoSeed.IdeLogin);
        var (patientIds, alertIds, identities) = await ReadPatientsAsync(portal);
        using (var queue = await client.GetAsync(new Uri("/alerts", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        }

        foreach (var path in patientIds.Take(3).Select(id => $"/patients/{id}").Concat(alertIds.Take(3).Select(id => $"/alerts/{id}")))
        {
            using var page = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {page.StatusCode}");
        }

        using var api = portal.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoSeed.DemoPatientToken);
        using (var questionnaire = await api.GetAsync(new Uri("/api/v1/questionnaire", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, questionnaire.StatusCode);
        }

        using var bad = new StringContent(
            """{"week": "2026-13-40", "items": {"unknown_item": {"frequency": 9}}, "temperature": "chaud"}""",
            Encoding.UTF8, "application/json");
        using (var refused = await api.PostAsync(new Uri("/api/v1/questionnaire-responses", UriKind.Relative), bad))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var stranger = portal.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DemoSeed.DemoPatientToken + "x");
        using (var unknown = await stranger.GetAsync(new Uri("/api/v1/questionnaire", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }

        var written = logs.Messages.ToList();
        Assert.NotEmpty(written);
        var leaks = written
            .SelectMany(message => identities.Append(DemoSeed.DemoPatientToken)
                .Where(value => message.Contains(value, StringComparison.OrdinalIgnoreCase))
                .Select(value => $"'{value}' in: {message}"))
            .Take(10)
            .ToList();
        Assert.Empty(leaks);
    }

    private static async Task<(List<Guid> Patients, List<Guid> Alerts, List<string> Identities)> ReadPatientsAsync(PortalAppFactory portal)
    {
        var factory = portal.Services.GetRequiredService<IPortalDbContextFactory>();
        await using var db = await factory.CreateAsync();
        var patients = await db.Patients.AsNoTracking()
            .Select(p => new { p.Id, p.BirthFamilyName, p.UsedFamilyName, p.Ipp, p.Ins, p.Phone, p.Email })
            .ToListAsync();
        var alerts = await db.Alerts.AsNoTracking().Select(a => a.Id).Take(10).ToListAsync();
        // Family names, identifiers and contacts: distinctive enough that finding one in a log is a leak, not chance.
        var identities = patients
            .SelectMany(p => new[] { p.BirthFamilyName, p.UsedFamilyName, p.Ipp, p.Ins, p.Phone, p.Email })
            .Where(value => value is { Length: >= 5 })
            .Select(value => value!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        Assert.True(identities.Count > 50, "the demo data gives identities to look for");
        return (patients.Select(p => p.Id).ToList(), alerts, identities);
    }
}
