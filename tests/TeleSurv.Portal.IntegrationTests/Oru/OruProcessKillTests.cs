using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Application.Tests.Oru;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Oru;

/// <summary>
/// The real portal process is killed (SIGKILL) while an ORU message waits for its acknowledgement, which the EAI (the
/// npm receiver) holds back; started again, the portal sends the message once more with the same MSH-10, and marks
/// it delivered when the acknowledgement comes.
/// </summary>
public abstract class OruProcessKillTests(DatabaseProvider provider)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_message_in_flight_when_the_portal_is_killed_is_sent_again_with_the_same_control_id_and_delivered()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var receiver = await OruReceiver.StartAsync(answer: "none");
        var message = await PendingMessageAsync(database);

        var portal = Start(database, receiver.Port);
        try
        {
            await receiver.WaitForReceivedAsync(1, Patience);
            var inFlight = await MessageAsync(database, message.Sequence);
            Assert.Equal((OruMessageState.Sending, 1), (inFlight.State, inFlight.Attempts));

            portal.Kill(entireProcessTree: true);
            await portal.WaitForExitAsync();
        }
        finally
        {
            portal.Dispose();
        }

        Assert.Equal(OruMessageState.Sending, (await MessageAsync(database, message.Sequence)).State);
        await receiver.AnswerAsync("AA");

        portal = Start(database, receiver.Port);
        try
        {
            await receiver.WaitForReceivedAsync(2, Patience);
            await Eventually.HoldsAsync(
                async () =>
                {
                    Assert.False(portal.HasExited, "the restarted portal exited");
                    return (await MessageAsync(database, message.Sequence)).State == OruMessageState.Delivered;
                },
                "the message is marked delivered",
                Patience);
        }
        finally
        {
            portal.Kill(entireProcessTree: true);
            await portal.WaitForExitAsync();
            portal.Dispose();
        }

        Assert.Equal([(message.ControlId, "none"), (message.ControlId, "AA")], receiver.Received.Select(r => (r.ControlId, r.Answer)));
        var delivered = await MessageAsync(database, message.Sequence);
        Assert.Equal((OruMessageState.Delivered, 2, "AA"), (delivered.State, delivered.Attempts, delivered.AckCode));
        Assert.NotNull(delivered.DeliveredAt);
    }

    /// <summary>An establishment, a patient and one pending report message for them, written as the portal writes one.</summary>
    private static async Task<OruOutboxMessage> PendingMessageAsync(TestDatabase database)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var establishment = new Establishment { Finess = "330000001", Name = "CHU de Rivemont", Code = "KILL" + suffix, GhtName = "GHT de Rivemont" };
        var patient = new Patient
        {
            Ipp = "IPP" + suffix,
            IppAuthority = establishment.Code,
            IdentityStatus = IdentityStatus.Provisional,
            BirthFamilyName = "ROUSSEAU",
            FirstNames = "Hélène",
            BirthDate = new DateOnly(1958, 4, 2),
            Sex = Sex.Female,
            Source = PatientSource.Adt,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        var now = DateTime.UtcNow;
        var controlId = OruControlId.New(now);
        var message = new OruOutboxMessage
        {
            ControlId = controlId,
            Kind = OruMessageKind.Report,
            PatientId = patient.Id,
            EstablishmentId = establishment.Id,
            ReportVersion = 1,
            CreatedAt = now,
            Message = string.Join('\r',
                $"MSH|^~\\&|TELESURV|330000001^1.2.250.1.71.4.2.2^ISO|EAI||20260310130000+0100||ORU^R01^ORU_R01|{controlId}|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8|FR",
                $"PID|1||IPP{suffix}^^^KILL{suffix}&330000001&N^PI||ROUSSEAU^Hélène^Hélène^^^^L||19580402|F|||||||||||||||||||||||PROV",
                "PV1|1|V",
                "ORC|NW|0192A1B2C3D4E5F60718^TELESURV|0192A1B2C3D4E5F60718^TELESURV||CM",
                "OBR|1|0192A1B2C3D4E5F60718^TELESURV|0192A1B2C3D4E5F60718^TELESURV|TLSV-CR^Compte rendu de télésurveillance médicale^TELESURV-PROCTCAE|||20260310100000+0100||||||||||||||||||F",
                "OBX|1|NM|nausea.composite^Nausées — grade composite PRO-CTCAE^TELESURV-PROCTCAE|1|3||0-3||||F|||20260310100000+0100",
                ""),
            CharacterSet = OruOptions.Utf8,
            State = OruMessageState.Pending,
            NextAttemptAt = now,
        };
        await using var db = database.CreateContext();
        db.AddRange(establishment, patient, message);
        await db.SaveChangesAsync();
        return message;
    }

    private static async Task<OruOutboxMessage> MessageAsync(TestDatabase database, long sequence)
    {
        await using var db = database.CreateContext();
        return await db.OruOutbox.AsNoTracking().SingleAsync(m => m.Sequence == sequence);
    }

    // The EAI holds back its acknowledgement far longer than the test waits: the message stays in flight.
    private static Process Start(TestDatabase database, int eaiPort) => PortalCommandLine.Start(database,
    [
        ("Oru:Enabled", "true"), ("Oru:EaiHost", "127.0.0.1"), ("Oru:EaiPort", eaiPort.ToString(CultureInfo.InvariantCulture)),
        ("Oru:ConnectTimeoutSeconds", "2"), ("Oru:AckTimeoutSeconds", "600"), ("Oru:RetryInitialMilliseconds", "200"),
        ("Oru:PollIntervalMilliseconds", "100"),
    ]);
}

public sealed class OruProcessKillSqliteTests() : OruProcessKillTests(DatabaseProvider.Sqlite);

public sealed class OruProcessKillPostgresTests() : OruProcessKillTests(DatabaseProvider.Postgres);

[OnSqlServer]
public sealed class OruProcessKillSqlServerTests() : OruProcessKillTests(DatabaseProvider.SqlServer);
