using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TeleSurv.Portal.IntegrationTests.Support;

/// <summary>
/// Debian's HAProxy in TCP mode on a free loopback port, spreading connections over several backends, each checked
/// with <c>GET /health</c> on its HTTP port: a backend that stops answering is taken out within a second, and a
/// connection that cannot reach its backend is dispatched to another.
/// </summary>
public sealed class TcpBalancer : IAsyncDisposable
{
    private static readonly string[] Executables = ["/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy"];
    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output = new();

    private TcpBalancer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <param name="backends">For each instance, the TCP port balanced and the HTTP port that answers <c>/health</c>.</param>
    public static async Task<TcpBalancer> StartAsync(IReadOnlyList<(int Port, int HealthPort)> backends)
    {
        var executable = Executables.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("haproxy is not installed: tests/run.sh installs it (Debian package haproxy).");
        var folder = Path.Combine(Path.GetTempPath(), "telesurv-haproxy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var servers = string.Join(
            Environment.NewLine,
            backends.Select((b, i) => $"    server portal{i} 127.0.0.1:{b.Port} check port {b.HealthPort} inter 500ms fall 2 rise 2"));
        var configuration = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(configuration, $"""
            global
                maxconn 256

            defaults
                mode tcp
                timeout connect 2s
                timeout client 120s
                timeout server 120s
                retries 3
                option redispatch

            frontend mllp
                bind 127.0.0.1:{port}
                default_backend portals

            backend portals
                balance roundrobin
                option httpchk GET /health
            {servers}

            """);

        var process = new Process
        {
            StartInfo = new ProcessStartInfo(executable, ["-f", configuration, "-db"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        var balancer = new TcpBalancer(process, folder, port);
        process.OutputDataReceived += (_, e) => balancer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => balancer.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await balancer.WaitUntilListeningAsync();
            return balancer;
        }
        catch
        {
            await balancer.DisposeAsync();
            throw;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"haproxy stopped (exit code {_process.ExitCode}): {Output()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"haproxy did not listen on {Port} within 20 s: {Output()}", ex);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
