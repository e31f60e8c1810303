using System.Net;
using System.Net.Sockets;

namespace Platform.AppHost.Infrastructure;

public static class PortProbe
{
    private const int LowestCandidate = 20000;
    private const int LinuxDefaultEphemeralStart = 32768;
    private const int Attempts = 100;

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// A free port below the range the OS hands out for outgoing connections. A server starts a moment
    /// after this probe; a port from that range could meanwhile become the local end of any process's
    /// outgoing connection, and the server would then fail to bind it.
    /// </summary>
    public static int AnyFree()
    {
        var ephemeralStart = EphemeralRangeStart();
        for (var attempt = 0; attempt < Attempts && ephemeralStart > LowestCandidate; attempt++)
        {
            var candidate = Random.Shared.Next(LowestCandidate, ephemeralStart);
            if (IsFree(candidate))
            {
                return candidate;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first port of Linux's ephemeral range ("32768	60999" in ip_local_port_range).</summary>
    public static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.TryParse(range.FirstOrDefault(), out var start) ? start : LinuxDefaultEphemeralStart;
        }
        catch (IOException)
        {
            return LinuxDefaultEphemeralStart;
        }
    }
}
