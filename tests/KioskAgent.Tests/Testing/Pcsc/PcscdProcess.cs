using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KioskAgent.Tests.Testing.Pcsc;

/// <summary>
/// A real pcscd (with Debian's vpcd driver) owned by this process: started in the foreground,
/// stopped or SIGKILLed by its PID, restartable. pcscd is machine-global (/run/pcscd, vpcd's TCP
/// ports), so a cross-process lock file serialises the test runs and benchmarks that use this class,
/// and a pcscd that someone else started makes <see cref="StartAsync"/> fail with instructions
/// rather than be used by accident. Needs root or membership of the pcscd group; installed by
/// `apt-get install pcscd libpcsclite1 vsmartcard-vpcd`.
/// </summary>
public sealed partial class PcscdProcess : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/pcscd";
    private const string PidFile = "/run/pcscd/pcscd.pid";
    private const string SocketFile = "/run/pcscd/pcscd.comm";
    private const string LockFile = "/tmp/kioskagent-pcscd.lock";
    private const int MaxLogLines = 4000;

    private readonly Queue<string> _log = new();
    private readonly bool _debugLog;
    private FileStream? _machineLock;
    private Process? _process;

    private PcscdProcess(bool debugLog) => _debugLog = debugLog;

    /// <summary>True while the pcscd started here runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    public int? Pid => IsRunning ? _process!.Id : null;

    /// <summary>The last lines pcscd printed (all of them with debug logging), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>Takes the machine-wide pcscd lock (waiting for another run to finish), then starts pcscd.</summary>
    public static async Task<PcscdProcess> StartAsync(bool debugLog = true, TimeSpan? lockTimeout = null)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: apt-get install -y --no-install-recommends pcscd libpcsclite1 vsmartcard-vpcd");
        }

        var pcscd = new PcscdProcess(debugLog);
        pcscd._machineLock = await AcquireMachineLockAsync(lockTimeout ?? TimeSpan.FromMinutes(10));
        try
        {
            await pcscd.StartAgainAsync();
            return pcscd;
        }
        catch
        {
            await pcscd.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts pcscd (again, e.g. after <see cref="KillAsync"/>) and waits until vpcd listens.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
        {
            return;
        }

        ThrowIfForeignPcscdRuns();
        string[] arguments = _debugLog ? ["--foreground", "--debug"] : ["--foreground"];
        var start = new ProcessStartInfo(Executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>SIGKILL, as a crash would: clients see their contexts die, /run/pcscd keeps stale files.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM (pcscd cleans /run/pcscd), then SIGKILL if it has not exited within 5 s.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        _ = SendSignal(process.Id, 15);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        _process = null;
        if (_machineLock is not null)
        {
            await _machineLock.DisposeAsync();
            _machineLock = null;
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        // vpcd's port is probed by listing listeners, not by connecting: a connection would insert a card.
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"pcscd exited with code {_process.ExitCode} during start-up:\n{Log}");
            }

            if (IsListening(VpcdCard.Reader0Port) && IsListening(VpcdCard.Reader1Port) && SocketAccepts())
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"pcscd did not get ready (vpcd on 127.0.0.1:{VpcdCard.Reader0Port}, {SocketFile}) within {timeout}:\n{Log}");
    }

    private void ThrowIfForeignPcscdRuns()
    {
        if (ReadPid() is { } pid && SendSignal(pid, 0) == 0)
        {
            throw new InvalidOperationException(
                $"Another pcscd (pid {pid}, from {PidFile}) is running; this run did not start it. PC/SC tests need their own pcscd " +
                $"with the vpcd driver and will not share a foreign one: stop it (e.g. `kill {pid}`) and run again.");
        }

        if (IsListening(VpcdCard.Reader0Port))
        {
            throw new InvalidOperationException(
                $"TCP port {VpcdCard.Reader0Port} (vpcd) is already taken by another process; stop the other pcscd or vpcd user and run again.");
        }
    }

    private static int? ReadPid()
    {
        try
        {
            return int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsListening(int port) =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(e => e.Port == port);

    private static bool SocketAccepts()
    {
        if (!File.Exists(SocketFile))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(SocketFile));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<FileStream> AcquireMachineLockAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                // FileShare.None is an flock(LOCK_EX) on Linux: held until disposed or the process dies.
                return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            if (_log.Count > MaxLogLines)
            {
                _log.Dequeue();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
