using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TeleSurv.Portal.Application.Reports;
using TeleSurv.Portal.Application.Tests.Oru;
using TeleSurv.Portal.Domain.Establishments;
using TeleSurv.Portal.Domain.Patients;
using TeleSurv.Portal.Infrastructure.Oru;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Oru;

/// <summary>
/// Two portal processes on one PostgreSQL database, both running the ORU sender, and one EAI (the npm receiver).
/// Only the holder of the advisory lock sends: the EAI gets the outbox once, oldest first. The holder is killed
/// (SIGKILL) while the EAI holds back an acknowledgement; the other process takes the lock, sends the message that
/// was in flight again with the same MSH-10, then the rest: every report arrives, in order per patient, and no MSH-10
/// comes twice but that one.
/// </summary>
public sealed class OruSenderLeaseProcessTests
{
    private const int Patients = 4;
    private const int PerPatient = 8;
    private const int AcknowledgedBeforeHold = 11;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Two_instances_send_one_at_a_time_and_the_survivor_takes_over_when_the_holder_is_killed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var receiver = await OruReceiver.StartAsync(answer: "none");
        await receiver.ScriptAsync([.. Enumerable.Repeat("AA", AcknowledgedBeforeHold)]);
        var written = await PendingMessagesAsync(database);

        var portals = new Dictionary<string, Process>
        {
            ["portal-a"] = Start(database, receiver.Port, "portal-a"),
            ["portal-b"] = Start(database, receiver.Port, "portal-b"),
        };
        TimeSpan takeover;
        try
        {
            await receiver.WaitForReceivedAsync(AcknowledgedBeforeHold + 1, Patience);
            var held = written[AcknowledgedBeforeHold];
            await WaitForStateAsync(database, held.Sequence, OruMessageState.Sending);

            // Both processes are up and asking for the lock: one holds it, the other sends nothing.
            await Eventually.HoldsAsync(() => portals.Values.All(p => !p.HasExited), "both portals run", Patience);
            var holder = await WaitForHolderAsync(database);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(AcknowledgedBeforeHold + 1, receiver.Received.Count);
            Assert.Equal(
                written.Take(AcknowledgedBeforeHold + 1).Select(m => m.ControlId),
                receiver.Received.Select(r => r.ControlId));

            // The EAI answers what comes next: the survivor may send again as soon as the holder is gone.
            await receiver.AnswerAsync("AA");
            var killed = portals[holder];
            killed.Kill(entireProcessTree: true);
            await killed.WaitForExitAsync();
            var clock = Stopwatch.StartNew();

            await receiver.WaitForReceivedAsync(AcknowledgedBeforeHold + 2, Patience);
            takeover = clock.Elapsed;
            var survivor = portals.Single(p => p.Key != holder);
            Assert.Equal(survivor.Key, await WaitForHolderAsync(database));
            await Eventually.HoldsAsync(
                async () =>
                {
                    Assert.False(survivor.Value.HasExited, "the surviving portal exited");
                    await using var db = database.CreateContext();
                    return await db.OruOutbox.CountAsync(m => m.State != OruMessageState.Delivered) == 0;
                },
                "every message delivered",
                Patience);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // What the portals said is the first thing to read when this fails.
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}{string.Join(Environment.NewLine, Output)}", exception);
        }
        finally
        {
            foreach (var portal in portals.Values)
            {
                portal.Kill(entireProcessTree: true);
                await portal.WaitForExitAsync();
                portal.Dispose();
            }
        }

        // The one in flight twice, in a row, with the same MSH-10; everything else once, oldest first.
        var expected = written.Select(m => m.ControlId).ToList();
        expected.Insert(AcknowledgedBeforeHold, written[AcknowledgedBeforeHold].ControlId);
        Assert.Equal(expected, receiver.Received.Select(r => r.ControlId));
        var received = receiver.Received.Select(r => r.ControlId).Distinct().ToList();
        foreach (var patient in written.GroupBy(m => m.PatientId))
        {
            Assert.Equal(patient.Select(m => m.ControlId), received.Where(patient.Select(m => m.ControlId).Contains));
        }

        await using (var db = database.CreateContext())
        {
            var outbox = await db.OruOutbox.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync();
            Assert.All(outbox, m => Assert.Equal(OruMessageState.Delivered, m.State));
            Assert.Equal(
                outbox.Select(m => m.ControlId == written[AcknowledgedBeforeHold].ControlId ? 2 : 1),
                outbox.Select(m => m.Attempts));
        }

        Assert.True(takeover < Patience, $"the survivor took over after {takeover.TotalSeconds:0.0} s");
    }

    /// <summary>The application name of the one session holding the sender's advisory lock, once there is one.</summary>
    private static async Task<string> WaitForHolderAsync(TestDatabase database)
    {
        var holders = new List<string>();
        await Eventually.HoldsAsync(
            async () =>
            {
                holders.Clear();
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    """
                    SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                    WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND ((l.classid::bigint << 32) | l.objid::bigint) = @key
                    """,
                    connection);
                command.Parameters.AddWithValue("key", PostgresOruSenderLease.LockKey);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    holders.Add(reader.GetString(0));
                }

                return holders.Count > 0;
            },
            "a portal holds the sender lock",
            Patience);
        return Assert.Single(holders);
    }

    private static async Task WaitForStateAsync(TestDatabase database, long sequence, OruMessageState state) =>
        await Eventually.HoldsAsync(
            async () =>
            {
                await using var db = database.CreateContext();
                return await db.OruOutbox.AnyAsync(m => m.Sequence == sequence && m.State == state);
            },
            $"message {sequence} {state}",
            Patience);

    /// <summary>Four patients' report messages, written in turns, as the portal writes them; in outbox order.</summary>
    private static async Task<List<OruOutboxMessage>> PendingMessagesAsync(TestDatabase database)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var establishment = new Establishment { Finess = "330000001", Name = "CHU de Rivemont", Code = "LEASE" + suffix[..4], GhtName = "GHT de Rivemont" };
        var patients = Enumerable.Range(0, Patients).Select(n => new Patient
        {
            Ipp = $"IPP{suffix}{n}",
            IppAuthority = establishment.Code,
            IdentityStatus = IdentityStatus.Provisional,
            BirthFamilyName = "ROUSSEAU",
            FirstNames = "Hélène",
            BirthDate = new DateOnly(1958, 4, 2),
            Sex = Sex.Female,
            Source = PatientSource.Adt,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        }).ToList();
        await using (var db = database.CreateContext())
        {
            db.Add(establishment);
            db.AddRange(patients);
            await db.SaveChangesAsync();
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var version = 1; version <= PerPatient; version++)
        {
            foreach (var patient in patients)
            {
                var now = DateTime.UtcNow;
                var controlId = OruControlId.New(now);
                Assert.True(used.Add(controlId));
                var message = new OruOutboxMessage
                {
                    ControlId = controlId,
                    Kind = OruMessageKind.Report,
                    PatientId = patient.Id,
                    EstablishmentId = establishment.Id,
                    ReportVersion = version,
                    CreatedAt = now,
                    Message = string.Join('\r',
                        $"MSH|^~\\&|TELESURV|330000001^1.2.250.1.71.4.2.2^ISO|EAI||20260310130000+0100||ORU^R01^ORU_R01|{controlId}|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8|FR",
                        $"PID|1||{patient.Ipp}^^^{establishment.Code}&330000001&N^PI||ROUSSEAU^Hélène^Hélène^^^^L||19580402|F|||||||||||||||||||||||PROV",
                        "PV1|1|V",
                        "OBR|1|0192A1B2C3D4E5F60718^TELESURV|0192A1B2C3D4E5F60718^TELESURV|TLSV-CR^Compte rendu de télésurveillance médicale^TELESURV-PROCTCAE|||20260310100000+0100||||||||||||||||||F",
                        ""),
                    CharacterSet = OruOptions.Utf8,
                    State = OruMessageState.Pending,
                    NextAttemptAt = now,
                };

                // One insert each: the outbox sequence is the order of writing.
                await using var db = database.CreateContext();
                db.Add(message);
                await db.SaveChangesAsync();
            }
        }

        await using (var db = database.CreateContext())
        {
            return await db.OruOutbox.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync();
        }
    }

    private ConcurrentQueue<string> Output { get; } = new();

    // The EAI holds back the acknowledgement of the message in flight far longer than the test waits.
    private Process Start(TestDatabase database, int eaiPort, string name) => PortalCommandLine.Start(database,
    [
        ("ConnectionStrings:Portal", new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = name }.ConnectionString),
        ("Oru:Enabled", "true"), ("Oru:EaiHost", "127.0.0.1"), ("Oru:EaiPort", eaiPort.ToString(CultureInfo.InvariantCulture)),
        ("Oru:ConnectTimeoutSeconds", "2"), ("Oru:AckTimeoutSeconds", "600"), ("Oru:RetryInitialMilliseconds", "200"),
        ("Oru:PollIntervalMilliseconds", "200"), ("Logging:LogLevel:TeleSurv.Portal.Infrastructure.Oru", "Information"),
    ], output: line => Output.Enqueue($"{name}: {line}"));
}
