using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TeleSurv.Portal.TestSupport;

/// <summary>Ports for the processes and listeners a test or benchmark starts (portals, HAProxy, HL7 peers).</summary>
internal static class LoopbackPorts
{
    private const int Lowest = 20000;

    /// <summary>
    /// A loopback port free at the time of asking, released at once for the caller to bind. It is chosen at random below
    /// the system's ephemeral range, from which the system gives ports to listeners bound to port 0 and to outgoing
    /// connections: a process of another test starting meanwhile cannot be handed the same port before the caller
    /// binds it. Where that range leaves no room, the system chooses.
    /// </summary>
    public static int Free()
    {
        var ephemeralStart = EphemeralRangeStart();
        for (var attempt = 0; attempt < 100 && ephemeralStart > Lowest; attempt++)
        {
            var port = Random.Shared.Next(Lowest, ephemeralStart);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: another one.
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int EphemeralRangeStart()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(Range)
            && int.TryParse(File.ReadAllText(Range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? start
            : 49152;
    }
}
