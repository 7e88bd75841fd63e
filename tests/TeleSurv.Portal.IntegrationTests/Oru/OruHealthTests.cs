using System.Net;
using System.Text.Json;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Oru;

/// <summary>/health says when the EAI has not taken the reports for too long, and the portal goes on working.</summary>
public sealed class OruHealthTests
{
    [Theory]
    [MemberData(nameof(TestProviders.All), MemberType = typeof(TestProviders))]
    public async Task Health_is_degraded_while_the_oldest_pending_message_waits_longer_than_the_threshold(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await InsertPendingAsync(database, DateTime.UtcNow.AddMinutes(-45));
        await using var factory = new PortalAppFactory(database.WithSettings(
            ("Demo:SeedOnEmptyDatabase", "false"), ("Oru:Enabled", "true"), ("Oru:SenderEnabled", "false"), ("Oru:DegradedAfterMinutes", "30")));
        using var client = PortalClient.CreateClient(factory);

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", body.RootElement.GetProperty("status").GetString());
        var oru = body.RootElement.GetProperty("checks").GetProperty("oru");
        Assert.Equal("Degraded", oru.GetProperty("status").GetString());
        Assert.Contains("1 pending", oru.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("the EAI may be unreachable", oru.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_is_healthy_when_the_pending_message_is_younger_than_the_threshold()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await InsertPendingAsync(database, DateTime.UtcNow.AddMinutes(-5));
        await using var factory = new PortalAppFactory(database.WithSettings(
            ("Demo:SeedOnEmptyDatabase", "false"), ("Oru:Enabled", "true"), ("Oru:SenderEnabled", "false"), ("Oru:DegradedAfterMinutes", "30")));
        using var client = PortalClient.CreateClient(factory);

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("oru").GetProperty("status").GetString());
    }

    private static async Task InsertPendingAsync(TestDatabase database, DateTime createdAt)
    {
        var establishment = new Establishment { Finess = "330000001", Name = "CHU de test", Code = "CHUT", GhtName = "GHT de test" };
        var patient = new Patient
        {
            Ipp = "IPP-ORU-1",
            IppAuthority = "CHUT",
            BirthFamilyName = "ATTENTE",
            FirstNames = "Jeanne",
            BirthDate = new DateOnly(1950, 1, 1),
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        await using var db = database.CreateContext();
        db.AddRange(establishment, patient);
        db.OruOutbox.Add(new OruOutboxMessage
        {
            ControlId = OruControlId.New(createdAt),
            PatientId = patient.Id,
            EstablishmentId = establishment.Id,
            CreatedAt = createdAt,
            Message = "MSH|^~\\&|TELESURV||EAI||20260310120000+0100||ORU^R01^ORU_R01|X|P|2.5\r",
            CharacterSet = OruOptions.Utf8,
            NextAttemptAt = createdAt,
        });
        await db.SaveChangesAsync();
    }
}
