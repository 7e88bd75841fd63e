using System.Globalization;
using TeleSurv.Portal.IntegrationTests.Support;
using TeleSurv.Portal.TestSupport;

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

    private readonly HaproxyProcess _haproxy;

    private PortalBalancer(HaproxyProcess haproxy, int port)
    {
        _haproxy = haproxy;
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Where browsers and clients reach the cluster.</summary>
    public Uri Address { get; }

    /// <summary>What HAProxy wrote (for failure messages).</summary>
    public string Output => _haproxy.Output();

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
        var port = LoopbackPorts.Free();
        var haproxy = await HaproxyProcess.StartAsync(
            HaproxyProcess.NewFolder(), Configuration(port, nodes, checkInterval ?? TimeSpan.FromMilliseconds(300)), port);
        return new PortalBalancer(haproxy, port);
    }

    public ValueTask DisposeAsync() => _haproxy.DisposeAsync();
}
