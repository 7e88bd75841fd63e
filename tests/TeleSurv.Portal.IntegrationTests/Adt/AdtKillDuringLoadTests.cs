using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Hl7.Mllp;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Adt;

/// <summary>
/// The portal process is killed while eight connections send ADT, then started again; the senders resend what was
/// not acknowledged, as an EAI does. Every message must be applied exactly once: none lost, none twice.
/// </summary>
public abstract class AdtKillDuringLoadTests(DatabaseProvider provider)
{
    private const int Messages = 400;
    private const int Connections = 8;
    private const int KillAfterAcks = 120;

    [Fact]
    public async Task Killing_the_portal_mid_load_loses_no_message_and_applies_none_twice()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var run = "K" + Guid.NewGuid().ToString("N")[..6];
        var messages = Enumerable.Range(0, Messages).ToDictionary(
            n => $"{run}{n:D6}",
            n => AdtSamples.Movement("A01", $"{run}{n:D6}", new PidSpec { Ipp = $"{run}P{n:D6}", Authority = "CHRIV" }, $"{run}M{n:D6}", "INSERT"));
        var acked = new ConcurrentDictionary<string, bool>();
        var port = LoopbackPorts.Free();

        var portal = Start(database, port);
        try
        {
            await WaitForListenerAsync(port, portal);
            using var killed = new CancellationTokenSource();
            var load = SendAllAsync(port, messages, acked, killed.Token);
            while (acked.Count < KillAfterAcks && !load.IsCompleted)
            {
                await Task.Delay(20);
            }

            portal.Kill(entireProcessTree: true);
            await portal.WaitForExitAsync();
            await killed.CancelAsync();
            await load;
            Assert.InRange(acked.Count, KillAfterAcks, Messages - 1);
        }
        finally
        {
            portal.Dispose();
        }

        var unacknowledged = messages.Where(m => !acked.ContainsKey(m.Key)).ToDictionary(m => m.Key, m => m.Value);
        portal = Start(database, port);
        try
        {
            await WaitForListenerAsync(port, portal);
            await SendAllAsync(port, unacknowledged, acked, CancellationToken.None);
        }
        finally
        {
            portal.Kill(entireProcessTree: true);
            await portal.WaitForExitAsync();
            portal.Dispose();
        }

        Assert.Equal(Messages, acked.Count);
        await using var db = database.CreateContext();
        var journaled = await db.AdtMessages.AsNoTracking().Where(m => m.ControlId!.StartsWith(run)).Select(m => new { m.ControlId, m.Status }).ToListAsync();
        Assert.Equal(Messages, journaled.Count);
        Assert.Equal(Messages, journaled.Select(m => m.ControlId).Distinct().Count());
        Assert.All(journaled, m => Assert.Equal(Domain.Adt.AdtMessageStatus.Applied, m.Status));
        Assert.Equal(Messages, await db.AdtMovements.CountAsync(m => m.MovementId.StartsWith(run)));
        Assert.Equal(Messages, await db.Patients.CountAsync(p => p.Ipp.StartsWith(run)));
    }

    /// <summary>Sends every message, one in flight per connection; a broken connection (the kill) ends its sender.</summary>
    private static async Task SendAllAsync(int port, Dictionary<string, string> messages, ConcurrentDictionary<string, bool> acked, CancellationToken killed)
    {
        var slices = messages.Select((m, i) => (m, i)).GroupBy(x => x.i % Connections, x => x.m).ToList();
        await Task.WhenAll(slices.Select(slice => Task.Run(async () =>
        {
            try
            {
                await using var client = new MllpClient(new MllpClientOptions { Host = "127.0.0.1", Port = port, AckTimeout = TimeSpan.FromSeconds(60) });
                await client.ConnectAsync(killed);
                foreach (var (controlId, er7) in slice)
                {
                    var ack = Encoding.UTF8.GetString(await client.SendAsync(Encoding.UTF8.GetBytes(er7), killed));
                    if (ack.Contains($"\rMSA|AA|{controlId}", StringComparison.Ordinal))
                    {
                        acked[controlId] = true;
                    }
                }
            }
            catch (Exception exception) when (killed.IsCancellationRequested || exception is MllpException or IOException or SocketException or OperationCanceledException)
            {
                // The portal was killed under this connection: what it did not acknowledge is resent later.
            }
        })));
    }

    private static Process Start(TestDatabase database, int port) => PortalCommandLine.Start(database,
        [("Adt:Listener:Enabled", "true"), ("Adt:Listener:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    private static async Task WaitForListenerAsync(int port, Process portal)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(portal.HasExited, $"the portal exited with code {(portal.HasExited ? portal.ExitCode : 0)} before listening");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        Assert.Fail($"the ADT listener did not open port {port} within 90 s");
    }
}

public sealed class AdtKillDuringLoadSqliteTests() : AdtKillDuringLoadTests(DatabaseProvider.Sqlite);

public sealed class AdtKillDuringLoadPostgresTests() : AdtKillDuringLoadTests(DatabaseProvider.Postgres);

[OnSqlServer]
public sealed class AdtKillDuringLoadSqlServerTests() : AdtKillDuringLoadTests(DatabaseProvider.SqlServer);
