using System.Net;
using System.Net.Sockets;

namespace KioskAgent.Tests.Testing;

public static class FreePort
{
    // Below the kernel's ephemeral range (32768-60999 on Debian): a port handed out there can be taken
    // by any outgoing connection's local end (a gRPC or MQTT client of the same test run) before the
    // agent binds it, and bind(0) may hand the same port to two callers once the first let it go.
    // Counting through a range of our own gives every caller of this process a different port.
    private const int First = 20_000;
    private const int Count = 12_000;
    private static int _next = (Environment.ProcessId * 97) % Count;

    /// <summary>A loopback TCP port nobody listens on right now, and that no other caller in this process got.</summary>
    public static int Next()
    {
        for (var tried = 0; tried < Count; tried++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port in {First}-{First + Count - 1}.");
    }

    private static bool IsFree(int port)
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

    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout}. {diagnostics?.Invoke()}");
    }
}
