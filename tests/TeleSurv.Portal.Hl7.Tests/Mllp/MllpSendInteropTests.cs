using System.Diagnostics;
using System.Net;
using TeleSurv.Portal.Hl7.Mllp;
using TeleSurv.Portal.Hl7.Tests.Support;

namespace TeleSurv.Portal.Hl7.Tests.Mllp;

/// <summary>
/// Debian's <c>mllp_send</c> (python3-hl7, written by others) against our server: proof that the framing and the
/// acknowledgement work with a peer that shares none of our code. tests/run.sh installs it.
/// </summary>
public sealed class MllpSendInteropTests
{
    private const string MllpSend = "/usr/bin/mllp_send";

    [Fact]
    public async Task Mllp_send_gets_our_acknowledgement()
    {
        Assert.True(File.Exists(MllpSend), $"{MllpSend} is missing: install the Debian package python3-hl7 (tests/run.sh does).");
        var handler = new RecordingHandler();
        await using var server = new MllpServer(new MllpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) }, handler);
        server.Start();
        var file = Path.Combine(Path.GetTempPath(), $"mllp-send-{Guid.NewGuid():N}.hl7");
        await File.WriteAllBytesAsync(file, TestFiles.GoldenAsStored("ADT_A01.hl7"));
        try
        {
            var start = new ProcessStartInfo(MllpSend)
            {
                ArgumentList = { "--port", server.LocalEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--file", file, "--loose", "127.0.0.1" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                try
                {
                    await process.WaitForExitAsync(limit.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill();
                    Assert.Fail("mllp_send did not finish within 30 s.");
                }
            }

            var printed = await output;
            Assert.True(process.ExitCode == 0, $"mllp_send exited with {process.ExitCode}: {await errors}");
            Assert.Contains("MSA|AA|RIV202503140001", printed, StringComparison.Ordinal);
            Assert.Contains("ACK^A01^ACK", printed, StringComparison.Ordinal);
            var received = Hl7Message.Parse(Assert.Single(handler.Received).Payload.Span);
            Assert.Empty(received.Errors);
            Assert.Equal("HÉLÈNE", received.Get("PID-5.2").Text);
            Assert.Equal(17, received.SegmentCount);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
