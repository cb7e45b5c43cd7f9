using System.Net.Sockets;
using System.Text;

namespace KioskAgent.Watchdog;

/// <summary>
/// sd_notify(3) without libsystemd: one datagram per state ("READY=1", "WATCHDOG=1", "STOPPING=1")
/// to the Unix socket systemd names in <c>NOTIFY_SOCKET</c> (a leading '@' is the abstract namespace).
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly UnixDomainSocketEndPoint _endpoint;

    private SystemdNotifier(string path) =>
        _endpoint = new UnixDomainSocketEndPoint(path.StartsWith('@') ? "\0" + path[1..] : path);

    /// <summary>The notifier for this process, or null when systemd did not ask for notifications.</summary>
    public static SystemdNotifier? FromEnvironment() =>
        Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is { Length: > 0 } path ? new SystemdNotifier(path) : null;

    /// <summary>
    /// How often systemd wants WATCHDOG=1 (<c>WATCHDOG_USEC</c>, when <c>WATCHDOG_PID</c> is unset or
    /// this process); null when the unit has no watchdog.
    /// </summary>
    public static TimeSpan? WatchdogInterval()
    {
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return null;
        }

        return ulong.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec)
            : null;
    }

    /// <summary>Sends one state; false when systemd's socket is gone (nothing to tell).</summary>
    public bool Send(string state)
    {
        try
        {
            _socket.SendTo(Encoding.ASCII.GetBytes(state), _endpoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}
