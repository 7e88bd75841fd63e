using TeleSurv.Portal.TestSupport;

namespace TeleSurv.Portal.IntegrationTests.Support;

/// <summary>
/// Debian's HAProxy in TCP mode on a free loopback port, spreading connections over several backends, each checked
/// with <c>GET /health</c> on its HTTP port: a backend that stops answering is taken out within a second, and a
/// connection that cannot reach its backend is dispatched to another.
/// </summary>
public sealed class TcpBalancer : IAsyncDisposable
{
    private readonly HaproxyProcess _haproxy;

    private TcpBalancer(HaproxyProcess haproxy, int port)
    {
        _haproxy = haproxy;
        Port = port;
    }

    public int Port { get; }

    /// <param name="backends">For each instance, the TCP port balanced and the HTTP port that answers <c>/health</c>.</param>
    public static async Task<TcpBalancer> StartAsync(IReadOnlyList<(int Port, int HealthPort)> backends)
    {
        var folder = HaproxyProcess.NewFolder();
        var port = LoopbackPorts.Free();
        var servers = string.Join(
            Environment.NewLine,
            backends.Select((b, i) => $"    server portal{i} 127.0.0.1:{b.Port} check port {b.HealthPort} inter 500ms fall 2 rise 2"));
        var configuration = $"""
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

            """;

        return new TcpBalancer(await HaproxyProcess.StartAsync(folder, configuration, port), port);
    }

    public ValueTask DisposeAsync() => _haproxy.DisposeAsync();
}
