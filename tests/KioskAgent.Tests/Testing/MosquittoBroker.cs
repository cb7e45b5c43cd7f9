using System.Diagnostics;
using System.Text;
using KioskAgent.Tests.Testing.Security;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// A real mosquitto on a free loopback port, started and stopped by PID. It can be stopped and
/// started again on the same port to simulate a broker outage. Installed by the build's Test target.
/// With a <see cref="BrokerSecurity"/> it listens only with TLS, client certificates, passwords and
/// the fleet ACL, like a production broker.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("mosquitto");
    private readonly StringBuilder _log = new();
    private Process? _process;

    private readonly BrokerSecurity? _security;
    private readonly string _extraConfig;

    private MosquittoBroker(int port, BrokerSecurity? security = null, string? extraConfig = null)
    {
        Port = port;
        _security = security;
        _extraConfig = extraConfig ?? "";
    }

    public int Port { get; }

    /// <summary>Starts on a free port; <paramref name="extraConfig"/> adds mosquitto.conf lines (e.g. <c>max_queued_messages 0</c>).</summary>
    public static async Task<MosquittoBroker> StartAsync(BrokerSecurity? security = null, string? extraConfig = null)
    {
        var broker = new MosquittoBroker(FreePort.Next(), security, extraConfig);
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Starts on a given port, e.g. one an agent was already told to use while no broker ran.</summary>
    public static async Task<MosquittoBroker> StartOnAsync(int port)
    {
        var broker = new MosquittoBroker(port);
        await broker.StartAgainAsync();
        return broker;
    }

    public static string Executable { get; } = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }
        .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("mosquitto is not installed. `./build.sh --target=Test` installs it (apt-get install mosquitto).");

    public async Task StartAgainAsync()
    {
        var config = Path.Combine(_directory, "mosquitto.conf");
        // `user root`: mosquitto otherwise drops to the mosquitto user when started as root.
        var listener = _security?.ListenerConfig(Port) ?? $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            """;
        await File.WriteAllTextAsync(config, $"""
            {listener}
            persistence false
            user root
            log_dest stdout
            log_type error
            log_type warning
            log_type notice
            {_extraConfig}
            """);
        // stdbuf (coreutils) makes mosquitto's stdout line-buffered: its log reaches Log as it happens,
        // not in blocks when a pipe buffer fills. stdbuf execs mosquitto: the PID is mosquitto's.
        var start = new ProcessStartInfo("stdbuf", ["-oL", Executable, "-c", config])
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
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(10), () => Log);
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Freezes the broker (SIGSTOP) or lets it go on (SIGCONT): its connections stay open (the kernel
    /// still accepts and acknowledges bytes) but nothing is answered, as with a link that died silently.
    /// </summary>
    public async Task SignalAsync(bool freeze)
    {
        var process = _process ?? throw new InvalidOperationException("The broker is not running.");
        using var kill = Process.Start("kill", [freeze ? "-STOP" : "-CONT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {(freeze ? "-STOP" : "-CONT")} {process.Id} failed ({kill.ExitCode}).");
        }
    }

    /// <summary>Stops the broker hard (SIGKILL): every client sees its connection drop.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            // A frozen broker dies of SIGKILL all the same; thawed first, it does not linger in the stopped state.
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
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
            _log.AppendLine(line);
        }
    }
}
