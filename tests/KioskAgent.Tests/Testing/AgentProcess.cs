using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// The real agent as a separate process (so it can be killed with SIGKILL), configured through
/// KIOSK_ environment variables exactly as a provisioned kiosk would be.
/// </summary>
public sealed partial class AgentProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;
    private readonly string _configDirectory;
    private readonly DateTime _started = DateTime.UtcNow;

    private AgentProcess(AgentSettings settings, Process process, string configDirectory)
    {
        Settings = settings;
        _process = process;
        _configDirectory = configDirectory;
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{settings.GrpcPort}");
    }

    public AgentSettings Settings { get; }

    public GrpcChannel Channel { get; }

    public string UiUrl => $"http://127.0.0.1:{Settings.UiPort}/";

    public bool HasExited => _process.HasExited;

    /// <summary>The agent's process id (for /proc/PID/status in memory benchmarks).</summary>
    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the agent and returns once its gRPC health check says SERVING.</summary>
    public static async Task<AgentProcess> StartAsync(AgentSettings settings)
    {
        var agent = Launch(settings);
        await agent.WaitServingAsync();
        return agent;
    }

    /// <summary>Starts the agent without waiting for it (for tests of start-up failures).</summary>
    public static AgentProcess Launch(AgentSettings settings)
    {
        if (!File.Exists(settings.Executable ?? TestPaths.AgentDll))
        {
            throw new InvalidOperationException($"The agent is not built at {settings.Executable ?? TestPaths.AgentDll}; build the solution first.");
        }

        // An empty config directory keeps a developer's /etc/kiosk-agent out of the test.
        var configDirectory = TestPaths.NewTempDirectory("kiosk-config");
        if (settings.ConfigFileContent is { } content)
        {
            File.WriteAllText(Path.Combine(configDirectory, "appsettings.json"), content);
        }

        // ip netns exec enters the namespace and execs the command: the process is the agent itself.
        // Another build (Executable) is a .dll run with dotnet or a published apphost run as it is.
        var executable = settings.Executable ?? TestPaths.AgentDll;
        string[] agentCommand = executable.EndsWith(".dll", StringComparison.Ordinal) ? ["dotnet", executable, .. settings.Arguments] : [executable, .. settings.Arguments];
        string[] command = settings.NetworkNamespace is { } ns ? ["ip", "netns", "exec", ns, .. agentCommand] : agentCommand;
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = settings.DataDirectory,
        };
        var env = start.Environment;
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["KIOSK_CONFIG_DIR"] = configDirectory;
        env["KIOSK_Kiosk__KioskId"] = settings.KioskId;
        env["KIOSK_Kiosk__SiteId"] = settings.SiteId;
        env["KIOSK_Kiosk__DataDirectory"] = settings.DataDirectory;
        env["KIOSK_Api__UiPort"] = settings.UiPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["KIOSK_Api__GrpcPort"] = settings.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (settings.NetworkNamespace is null)
        {
            env["KIOSK_Provisioning__Address"] = "127.0.0.1";
        }

        env["KIOSK_Provisioning__Port"] = settings.ProvisioningPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["KIOSK_Central__Port"] = (settings.BrokerPort == 0 ? FreePort.Next() : settings.BrokerPort).ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["KIOSK_Central__EmbeddedBroker"] = settings.EmbeddedBroker ? "true" : "false";
        env["KIOSK_Central__ReconnectMaxSeconds"] = "2";
        env["KIOSK_Demo__Enabled"] = settings.Demo ? "true" : "false";
        env["KIOSK_Logging__LogLevel__KioskAgent"] = "Debug";
        // Each line with its time (UTC), so a kept log (artifacts/test-results/agent-logs) shows what happened when.
        env["KIOSK_Logging__Console__FormatterName"] = "simple";
        env["KIOSK_Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        env["KIOSK_Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
        // The idle screen never dims under a test that sits on it longer than the shipped two minutes
        // (a dimmed page would fail layout checks and screenshots); dimming tests set it (Extra wins).
        env["KIOSK_Screen__DimAfterSeconds"] = "0";
        // A test agent is never enrolled: without this every screen test would meet the enrollment
        // screen in place of idle. Tests of that screen keep the shipped default (EnrollmentScreen).
        if (!settings.EnrollmentScreen)
        {
            env["KIOSK_Provisioning__ShowEnrollmentScreen"] = "false";
        }

        if (!settings.ShippedDevices)
        {
            env["KIOSK_Devices__CardReaders__0__Kind"] = "Simulated";
        }

        if (settings.TrustTestCentralKey)
        {
            foreach (var (key, value) in TestCentralKey.AgentTrust(TestCentralKey.Signer))
            {
                env[$"KIOSK_{key}"] = value;
            }
        }

        foreach (var (key, value) in settings.Extra)
        {
            env[$"KIOSK_{key}"] = value;
        }

        foreach (var (key, value) in settings.Environment)
        {
            env[key] = value;
        }

        var process = Process.Start(start)!;
        var agent = new AgentProcess(settings, process, configDirectory);
        process.OutputDataReceived += (_, e) => agent.Append(e.Data);
        process.ErrorDataReceived += (_, e) => agent.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async Task TapAsync(string cardUid, uint holdMs = 200)
    {
        await new DeviceSimulator.DeviceSimulatorClient(Channel).TapCardAsync(new TapCardRequest { CardUid = cardUid, HoldMs = holdMs });
    }

    /// <summary>Taps and returns what the kiosk showed for it (member or refusal), as the UI would show it.</summary>
    public async Task<Contracts.V1.Screen> TapForAnswerAsync(string cardUid, uint holdMs = 20, CancellationToken cancellationToken = default)
    {
        var reply = await new DeviceSimulator.DeviceSimulatorClient(Channel).TapCardAsync(
            new TapCardRequest { CardUid = cardUid, HoldMs = holdMs, WaitForAnswer = true },
            deadline: DateTime.UtcNow.AddSeconds(30),
            cancellationToken: cancellationToken);
        return reply.Answer;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or a power cut of the process.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the orderly shutdown systemd asks for.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(cts.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Channel.Dispose();
        _process.Dispose();
        TryDelete(_configDirectory);
        KeepLog();
    }

    /// <summary>
    /// The agent's console output, kept under artifacts/test-results/agent-logs after it stopped, so a
    /// failed test's agents can be read afterwards (its kiosk id, gRPC port and start time name it).
    /// </summary>
    private void KeepLog()
    {
        try
        {
            var name = $"{_started:HHmmss.fff}-{Settings.KioskId}-{Settings.GrpcPort}.log";
            File.WriteAllText(Path.Combine(TestPaths.Artifacts("agent-logs"), name), Output);
        }
        catch (IOException)
        {
            // A log that cannot be kept costs the test nothing.
        }
    }

    private async Task WaitServingAsync()
    {
        var health = new Health.HealthClient(Channel);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The agent exited with code {_process.ExitCode} during start-up:\n{Output}");
            }

            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (Grpc.Core.RpcException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The agent did not become healthy:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
