using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TeleSurv.Portal.Tests.Cluster;

/// <summary>
/// Debian's HAProxy in front of the nodes of a test cluster, configured as docs/haproxy.cfg recommends for the
/// portal: HTTP with a stickiness cookie (<see cref="StickinessCookie"/>, the node's name), WebSockets for the
/// Blazor circuits, <c>GET /health</c> checks, and a request whose node is down sent to another one
/// (<c>option redispatch</c>). Checks run every <c>checkInterval</c> so that a killed node leaves quickly.
/// </summary>
public sealed class PortalBalancer : IAsyncDisposable
{
    public const string StickinessCookie = "TSNODE";

    private static readonly string[] Executables = ["/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy"];

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _output;

    private PortalBalancer(Process process, string folder, StringBuilder output, int port)
    {
        _process = process;
        _folder = folder;
        _output = output;
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Where browsers and clients reach the cluster.</summary>
    public Uri Address { get; }

    /// <summary>What HAProxy wrote (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The HAProxy configuration for <paramref name="nodes"/> behind one HTTP front on <paramref name="port"/>.</summary>
    public static string Configuration(int port, IEnumerable<PortalNode> nodes, TimeSpan checkInterval)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var interval = ((int)checkInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var servers = string.Join(
            "\n",
            nodes.Select(n => $"    server {n.Name} 127.0.0.1:{n.Port.ToString(CultureInfo.InvariantCulture)} check cookie {n.Name}"));
        return $"""
            global
                maxconn 512

            defaults
                mode http
                timeout connect 2s
                timeout client 1h
                timeout server 1h
                timeout tunnel 1h
                timeout http-request 10s
                option redispatch
                retries 2

            frontend portal
                bind 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}
                option forwardfor
                default_backend portal

            backend portal
                balance roundrobin
                cookie {StickinessCookie} insert indirect nocache httponly
                option httpchk GET /health
                http-check expect status 200
                default-server inter {interval} fall 2 rise 1
            {servers}

            """;
    }

    public static async Task<PortalBalancer> StartAsync(IReadOnlyCollection<PortalNode> nodes, TimeSpan? checkInterval = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var executable = Executables.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("haproxy is not installed: tests/run.sh installs it (Debian package haproxy).");
        var folder = Path.Combine(Path.GetTempPath(), "telesurv-balancer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var configuration = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(configuration, Configuration(port, nodes, checkInterval ?? TimeSpan.FromMilliseconds(300)));

        var output = new StringBuilder();
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(executable, ["-f", configuration, "-db"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var balancer = new PortalBalancer(process, folder, output, port);
        try
        {
            await balancer.WaitUntilListeningAsync(port);
            return balancer;
        }
        catch
        {
            await balancer.DisposeAsync();
            throw;
        }
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

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"haproxy stopped (exit code {_process.ExitCode}): {Output}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"haproxy did not listen on {port} within 20 s: {Output}", ex);
            }
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
