using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TeleSurv.Portal.Hl7.Mllp;
using TeleSurv.Portal.Infrastructure.Persistence;
using TeleSurv.Portal.IntegrationTests.Support;
using TeleSurv.Portal.Tests.Support;
using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Adt;

/// <summary>
/// Two portal processes on one PostgreSQL database behind HAProxy in TCP mode. Eight MLLP connections send ADT through
/// the balancer; one instance is killed (SIGKILL) mid-run; each sender, as an EAI does, connects again and resends
/// what was not acknowledged. Every message is applied exactly once, and a message resent after its ACK was lost is
/// answered as the first was, whichever instance it reaches.
/// </summary>
public sealed class AdtBalancedInstancesTests
{
    private const int Messages = 400;
    private const int Connections = 8;
    private const int KillAfterAcks = 120;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Killing_one_of_two_balanced_instances_mid_load_loses_no_message_and_applies_none_twice()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var run = "B" + Guid.NewGuid().ToString("N")[..6];
        var messages = Enumerable.Range(0, Messages)
            .Select(n => (ControlId: $"{run}{n:D6}", Er7: AdtSamples.Movement("A01", $"{run}{n:D6}", new PidSpec { Ipp = $"{run}P{n:D6}", Authority = "CHRIV" }, $"{run}M{n:D6}", "INSERT")))
            .ToList();
        var acks = new ConcurrentDictionary<string, string>();

        var instances = new[] { Instance.Start(database), Instance.Start(database) };
        try
        {
            foreach (var instance in instances)
            {
                await instance.WaitUntilHealthyAsync();
            }

            await using var balancer = await TcpBalancer.StartAsync([.. instances.Select(i => (i.MllpPort, i.HttpPort))]);
            var load = Task.WhenAll(messages
                .Select((m, i) => (m, i))
                .GroupBy(x => x.i % Connections, x => x.m)
                .Select(slice => SendUntilAcknowledgedAsync(balancer.Port, [.. slice], acks)));
            while (acks.Count < KillAfterAcks && !load.IsCompleted)
            {
                await Task.Delay(20);
            }

            Assert.False(load.IsCompleted, "the load ended before the kill");
            instances[0].Process.Kill(entireProcessTree: true);
            await instances[0].Process.WaitForExitAsync();
            await load.WaitAsync(Patience);
            Assert.False(instances[1].Process.HasExited, "the surviving instance exited");

            // ACKs lost on the way back: the EAI resends messages already applied; the survivor answers as the first.
            var resent = messages.Take(40).ToList();
            var again = new ConcurrentDictionary<string, string>();
            await SendUntilAcknowledgedAsync(balancer.Port, resent, again);
            Assert.All(resent, m => Assert.Equal(AckOf(acks[m.ControlId]), AckOf(again[m.ControlId])));
        }
        finally
        {
            foreach (var instance in instances)
            {
                instance.Dispose();
            }
        }

        Assert.Equal(Messages, acks.Count);
        Assert.All(acks, a => Assert.Contains($"\rMSA|AA|{a.Key}", a.Value, StringComparison.Ordinal));
        await using var db = database.CreateContext();
        var journaled = await db.AdtMessages.AsNoTracking().Where(m => m.ControlId!.StartsWith(run)).Select(m => new { m.ControlId, m.Status }).ToListAsync();
        Assert.Equal(Messages, journaled.Count);
        Assert.Equal(Messages, journaled.Select(m => m.ControlId).Distinct().Count());
        Assert.All(journaled, m => Assert.Equal(Domain.Adt.AdtMessageStatus.Applied, m.Status));
        Assert.Equal(Messages, await db.AdtMovements.CountAsync(m => m.MovementId.StartsWith(run)));
        Assert.Equal(Messages, await db.Patients.CountAsync(p => p.Ipp.StartsWith(run)));
    }

    /// <summary>The ACK's MSA segment: what the sender reads, the same for a message and its resending.</summary>
    private static string AckOf(string ack) =>
        ack.Split('\r').Single(s => s.StartsWith("MSA|", StringComparison.Ordinal));

    /// <summary>
    /// One connection of an EAI: sends its messages in order, one in flight; when the connection breaks, connects
    /// again through the balancer and resends from the first message not acknowledged.
    /// </summary>
    private static async Task SendUntilAcknowledgedAsync(int port, List<(string ControlId, string Er7)> messages, ConcurrentDictionary<string, string> acks)
    {
        var deadline = DateTime.UtcNow + Patience;
        var next = 0;
        while (next < messages.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{messages.Count - next} message(s) not acknowledged within {Patience.TotalSeconds} s");
            try
            {
                await using var client = new MllpClient(new MllpClientOptions { Host = "127.0.0.1", Port = port, AckTimeout = TimeSpan.FromSeconds(30) });
                await client.ConnectAsync(CancellationToken.None);
                for (; next < messages.Count; next++)
                {
                    var (controlId, er7) = messages[next];
                    var ack = Encoding.UTF8.GetString(await client.SendAsync(Encoding.UTF8.GetBytes(er7), CancellationToken.None));
                    Assert.Contains($"\rMSA|AA|{controlId}", ack, StringComparison.Ordinal);
                    acks[controlId] = ack;
                }
            }
            catch (Exception exception) when (exception is MllpException or IOException or SocketException or TimeoutException)
            {
                // The instance behind this connection died: the message in flight is resent on a new connection.
                await Task.Delay(100);
            }
        }
    }

    private sealed class Instance : IDisposable
    {
        private Instance(Process process, int httpPort, int mllpPort)
        {
            Process = process;
            HttpPort = httpPort;
            MllpPort = mllpPort;
        }

        public Process Process { get; }

        public int HttpPort { get; }

        public int MllpPort { get; }

        public static Instance Start(TestDatabase database)
        {
            var httpPort = LoopbackPorts.Free();
            var mllpPort = LoopbackPorts.Free();
            var process = PortalCommandLine.Start(
                database,
                [("Adt:Listener:Enabled", "true"), ("Adt:Listener:Port", mllpPort.ToString(CultureInfo.InvariantCulture))],
                urls: $"http://127.0.0.1:{httpPort}");
            return new Instance(process, httpPort, mllpPort);
        }

        public async Task WaitUntilHealthyAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                Assert.False(Process.HasExited, $"the portal exited with code {(Process.HasExited ? Process.ExitCode : 0)} before it was healthy");
                Assert.True(DateTime.UtcNow < deadline, "the portal was not healthy with its ADT listener open within 90 s");
                try
                {
                    using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/health"));
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, MllpPort);
                    if (health.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or SocketException or TaskCanceledException)
                {
                    // Not up yet.
                }

                await Task.Delay(200);
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }
}
