using System.Diagnostics;
using System.Globalization;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Benchmarks.OutboxDrain;

/// <summary>The real agent as a process on a prepared data directory, logging warnings only.</summary>
public sealed class AgentRunner : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _configDirectory;

    private AgentRunner(Process process, string configDirectory)
    {
        _process = process;
        _configDirectory = configDirectory;
    }

    /// <summary>CPU time the agent process used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static AgentRunner Start(string siteId, string kioskId, string dataDirectory, int brokerPort, int inFlight, int batch, int pipeline)
    {
        if (!File.Exists(TestPaths.AgentDll))
        {
            throw new InvalidOperationException($"The agent is not built at {TestPaths.AgentDll}.");
        }

        var configDirectory = TestPaths.NewTempDirectory("outbox-bench-config");
        var start = new ProcessStartInfo("dotnet", [TestPaths.AgentDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        var env = start.Environment;
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["KIOSK_CONFIG_DIR"] = configDirectory;
        env["KIOSK_Kiosk__SiteId"] = siteId;
        env["KIOSK_Kiosk__KioskId"] = kioskId;
        env["KIOSK_Kiosk__DataDirectory"] = dataDirectory;
        env["KIOSK_Api__UiPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        env["KIOSK_Api__GrpcPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        env["KIOSK_Central__Port"] = brokerPort.ToString(CultureInfo.InvariantCulture);
        env["KIOSK_Central__OutboxMaxInFlight"] = inFlight.ToString(CultureInfo.InvariantCulture);
        env["KIOSK_Central__OutboxBatchMax"] = batch.ToString(CultureInfo.InvariantCulture);
        env["KIOSK_Central__OutboxPublishPipeline"] = pipeline.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in TestCentralKey.AgentTrust(TestCentralKey.Signer))
        {
            env[$"KIOSK_{key}"] = value;
        }

        env["KIOSK_Logging__LogLevel__Default"] = "Warning";
        env["KIOSK_Logging__LogLevel__KioskAgent"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"  agent: {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AgentRunner(process, configDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_configDirectory, recursive: true);
    }
}
