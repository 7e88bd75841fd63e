using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Domain.Adt;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Adt;

/// <summary>
/// Inbound ADT end to end: messages sent over TCP to the running portal's MLLP listener (the real MllpServer), by
/// our own MLLP client and by Debian's python3-hl7 mllp_send, with the effects checked in the database.
/// </summary>
public abstract class AdtListenerTests(DatabaseProvider provider) : IAsyncLifetime
{
    private AdtPortal _portal = null!;

    public async Task InitializeAsync() => _portal = await AdtPortal.StartAsync(provider);

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static PidSpec NewPid() => new() { Ipp = "L" + Guid.NewGuid().ToString("N")[..12], Authority = "CHRIV" };

    private static string NewControlId() => "L" + Guid.NewGuid().ToString("N")[..19];

    [Fact]
    public async Task The_listener_applies_a_message_answers_aa_and_answers_a_duplicate_with_the_same_ack()
    {
        var pid = NewPid();
        var controlId = NewControlId();
        var message = AdtSamples.Movement("A01", controlId, pid, "M" + controlId, "INSERT", patientClass: "V");

        var first = await _portal.SendAsync(message);
        var second = await _portal.SendAsync(message);

        Assert.Contains($"\rMSA|AA|{controlId}\r", first, StringComparison.Ordinal);
        Assert.Contains("|ACK^A01^ACK|", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        await using var db = _portal.CreateContext();
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Ipp == pid.Ipp);
        var movement = await db.AdtMovements.AsNoTracking().SingleAsync(m => m.PatientId == patient.Id);
        Assert.Equal(PatientClass.Virtual, movement.PatientClass);
        Assert.Equal(1, await db.AdtMessages.CountAsync(m => m.ControlId == controlId));
    }

    [Fact]
    public async Task Identity_and_movement_events_in_sequence_end_in_the_expected_state()
    {
        var pid = NewPid();
        var absorbed = NewPid() with { Ins = null };
        var movement = "M" + NewControlId();
        var transfer = "T" + NewControlId();
        var steps = new[]
        {
            AdtSamples.Identity("A28", NewControlId(), pid),
            AdtSamples.Identity("A28", NewControlId(), absorbed),
            AdtSamples.Movement("A01", NewControlId(), absorbed, movement, "INSERT"),
            AdtSamples.Merge(NewControlId(), pid, absorbed.Ipp, absorbed.Authority),
            AdtSamples.Movement("Z99", NewControlId(), pid, movement, "UPDATE", "A01", patientClass: "V"),
            AdtSamples.Movement("A02", NewControlId(), pid, transfer, "INSERT"),
            AdtSamples.Movement("A12", NewControlId(), pid, transfer, "CANCEL", "A02"),
            AdtSamples.Identity("A31", NewControlId(), pid with { Status = "PROV", Ins = null }),
        };

        foreach (var step in steps)
        {
            Assert.Contains("\rMSA|AA|", await _portal.SendAsync(step), StringComparison.Ordinal);
        }

        await using var db = _portal.CreateContext();
        var survivor = await db.Patients.AsNoTracking().SingleAsync(p => p.Ipp == pid.Ipp);
        var movements = await db.AdtMovements.AsNoTracking().Where(m => m.PatientId == survivor.Id).OrderBy(m => m.RecordedAt).ToListAsync();
        Assert.Equal([("A01", MovementStatus.Active, PatientClass.Virtual), ("A02", MovementStatus.Cancelled, PatientClass.Inpatient)],
            movements.Select(m => (m.Trigger, m.Status, m.PatientClass)));
        Assert.Equal(survivor.Id, (await db.Patients.AsNoTracking().SingleAsync(p => p.Ipp == absorbed.Ipp)).MergedIntoPatientId);
        Assert.Equal(Domain.Patients.IdentityStatus.Provisional, survivor.IdentityStatus);
    }

    [Fact]
    public async Task With_the_database_down_the_answer_is_ar_and_the_same_message_resent_is_applied()
    {
        var pid = NewPid();
        var controlId = NewControlId();
        var message = AdtSamples.Identity("A28", controlId, pid);

        _portal.DatabaseDown = true;
        var refused = await _portal.SendAsync(message);
        _portal.DatabaseDown = false;
        var accepted = await _portal.SendAsync(message);

        Assert.Contains($"\rMSA|AR|{controlId}", refused, StringComparison.Ordinal);
        Assert.Contains("\rERR|", refused, StringComparison.Ordinal);
        Assert.Contains($"\rMSA|AA|{controlId}\r", accepted, StringComparison.Ordinal);
        await using var db = _portal.CreateContext();
        Assert.Equal(1, await db.Patients.CountAsync(p => p.Ipp == pid.Ipp));
    }

    [Fact]
    public async Task A_content_error_is_answered_ae_with_err_and_waits_in_the_error_queue()
    {
        var controlId = NewControlId();

        var ack = await _portal.SendAsync(AdtSamples.Movement("Z99", controlId, NewPid(), "M" + controlId, "UPDATE", "A01"));

        Assert.Contains($"\rMSA|AE|{controlId}", ack, StringComparison.Ordinal);
        Assert.Contains("|204^Unknown key identifier^HL70357|E|", ack, StringComparison.Ordinal);
        await using var db = _portal.CreateContext();
        Assert.Equal(AdtMessageStatus.Rejected, (await db.AdtMessages.AsNoTracking().SingleAsync(m => m.ControlId == controlId)).Status);
    }

    [Fact]
    public async Task Debian_mllp_send_gets_the_acknowledgement_it_expects()
    {
        var pid = NewPid();
        var controlId = NewControlId();
        var file = Path.Combine(Path.GetTempPath(), $"adt-{controlId}.hl7");
        await File.WriteAllTextAsync(file, AdtSamples.Movement("A04", controlId, pid, "M" + controlId, "INSERT", patientClass: "O"));
        try
        {
            var start = new ProcessStartInfo("mllp_send", ["--port", _portal.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--file", file, "--loose", "127.0.0.1"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

            Assert.Equal(0, process.ExitCode);
            Assert.Contains($"MSA|AA|{controlId}", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        await using var db = _portal.CreateContext();
        Assert.True(await db.AdtMovements.AnyAsync(m => m.MovementId == "M" + controlId && m.PatientClass == PatientClass.Outpatient));
    }

    [Fact]
    public async Task Node_hl7_client_gets_the_acknowledgement_it_expects()
    {
        var peers = Path.Combine(Path.GetDirectoryName(Tests.Support.PortalCommandLine.WebAssemblyPath())!, "..", "..", "..", "..", "..", "tests", "peers");
        Assert.True(Directory.Exists(Path.Combine(peers, "node_modules", "node-hl7-client")), "run npm ci in tests/peers (tests/run.sh does)");
        var pid = NewPid();
        var controlId = NewControlId();
        var file = Path.Combine(Path.GetTempPath(), $"adt-{controlId}.hl7");
        // node-hl7-client checks MSH-12 against its connection's version, which it takes as a plain "2.5".
        var message = AdtSamples.Movement("A05", controlId, pid, "M" + controlId, "INSERT").Replace("|P|2.5^FRA^2.11|", "|P|2.5|", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, message);
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(peers, "hl7-send.mjs"), _portal.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = peers,
            };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

            Assert.True(process.ExitCode == 0, $"node exited with {process.ExitCode}: {error}");
            Assert.Contains($"MSA|AA|{controlId}", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        await using var db = _portal.CreateContext();
        Assert.True(await db.AdtMovements.AnyAsync(m => m.MovementId == "M" + controlId && m.Trigger == "A05"));
    }
}

public sealed class AdtListenerSqliteTests() : AdtListenerTests(DatabaseProvider.Sqlite);

public sealed class AdtListenerPostgresTests() : AdtListenerTests(DatabaseProvider.Postgres);

[OnSqlServer]
public sealed class AdtListenerSqlServerTests() : AdtListenerTests(DatabaseProvider.SqlServer);
