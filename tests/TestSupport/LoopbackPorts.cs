using System.Net;
using System.Net.Sockets;

namespace TeleSurv.Portal.TestSupport;

/// <summary>Ports for the processes and listeners a test or benchmark starts (portals, HAProxy, HL7 peers).</summary>
internal static class LoopbackPorts
{
    /// <summary>A loopback port free at the time of asking: the system's choice for a listener, released at once.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
