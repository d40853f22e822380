using System.Net;
using System.Net.Sockets;

namespace Stampede.Tests.TestServers;

/// <summary>A loopback port nothing listens on: a listener takes one from the system and closes it again.</summary>
internal static class ClosedPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
