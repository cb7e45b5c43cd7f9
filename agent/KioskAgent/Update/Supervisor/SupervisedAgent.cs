using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace KioskAgent.Update.Supervisor;

/// <summary>
/// The agent as the supervisor's child: started from one application directory, with a notify socket
/// of its own (abstract, so no file to clean up) whose lines, and finally the exit, arrive in order
/// on <see cref="Notices"/>.
/// </summary>
public sealed partial class SupervisedAgent : IDisposable
{
    private static int _started;
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly Channel<AgentNotice> _notices = Channel.CreateUnbounded<AgentNotice>();
    private readonly Process _process;

    private SupervisedAgent(string directory, IReadOnlyDictionary<string, string?> environment)
    {
        var name = $"kiosk-agent-supervisor-{Environment.ProcessId}-{Interlocked.Increment(ref _started)}";
        _socket.Bind(new UnixDomainSocketEndPoint("\0" + name));
        Directory = directory;
        var start = StartInfo(directory);
        foreach (var variable in new[] { "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["NOTIFY_SOCKET"] = "@" + name;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.Start();
        _ = Task.Run(ReceiveAsync);
        _ = Task.Run(async () =>
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
            _notices.Writer.TryWrite(new AgentNotice("", _process.ExitCode));
        });
    }

    public string Directory { get; }

    public int ProcessId => _process.Id;

    public ChannelReader<AgentNotice> Notices => _notices.Reader;

    public static SupervisedAgent Start(string directory, IReadOnlyDictionary<string, string?> environment) => new(directory, environment);

    /// <summary>SIGTERM, and SIGKILL after <paramref name="grace"/>; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        _socket.Dispose();
        _process.Dispose();
    }

    /// <summary>The same host as the supervisor: <c>dotnet KioskAgent.dll</c> under dotnet, else the apphost.</summary>
    private static ProcessStartInfo StartInfo(string directory)
    {
        var underDotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet";
        var start = underDotnet
            ? new ProcessStartInfo(Environment.ProcessPath!, [Path.Combine(directory, "KioskAgent.dll")])
            : new ProcessStartInfo(Path.Combine(directory, "KioskAgent"));
        start.UseShellExecute = false;
        return start;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        while (true)
        {
            int received;
            try
            {
                received = await _socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            foreach (var line in Encoding.ASCII.GetString(buffer, 0, received).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                _notices.Writer.TryWrite(new AgentNotice(line));
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
