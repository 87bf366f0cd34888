using System.Net;
using System.Net.Sockets;

namespace KuaSheng.Testing;

/// <summary>
/// Ports on 127.0.0.1 for the nodes a test starts. Binding port 0 and releasing it is not enough: the kernel hands the
/// same ephemeral port out again (to the next such call, or as the local port of an outgoing connection), and a node
/// whose HTTP port was another node's Akka port got HTTP on its remoting (CI, issue 11's fault suite). These come from
/// below the kernel's ephemeral range, are never handed out twice in one process, start at a place that depends on
/// the process id (test assemblies run side by side), and are checked free when handed out.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;

    private static readonly object Gate = new();
    private static readonly HashSet<int> Handed = [];
    private static readonly int End = EphemeralRangeStart();
    private static int _next = Lowest + Environment.ProcessId * 211 % (End - Lowest);

    /// <summary>A port free on 127.0.0.1 right now that this process has not handed out before.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var tried = 0; tried < End - Lowest; tried++)
            {
                var port = _next;
                _next = _next + 1 >= End ? Lowest : _next + 1;
                if (Handed.Add(port) && IsFree(port)) return port;
            }
        }
        throw new InvalidOperationException($"No free loopback port left between {Lowest} and {End}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port the kernel picks for outgoing connections and port 0 (Linux: ip_local_port_range).</summary>
    private static int EphemeralRangeStart()
    {
        try
        {
            var first = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0];
            return int.TryParse(first, out var port) && port > Lowest + 1_000 ? port : 32_768;
        }
        catch (IOException)
        {
            return 32_768;
        }
        catch (UnauthorizedAccessException)
        {
            return 32_768;
        }
    }
}
