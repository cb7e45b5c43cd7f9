using System.Diagnostics;
using System.Reflection;
using System.Text;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Benchmarks.IdleCost;

/// <summary>The baseline: tests/KioskAgent.MinimalGrpcHost, an ASP.NET Core gRPC host with health checks and nothing else.</summary>
public sealed class MinimalHostProcess : IProcessUnderTest
{
    public static string Dll { get; } = typeof(MinimalHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MinimalHostDll").Value!;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private MinimalHostProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public TimeSpan ColdStart { get; private set; }

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

    public static async Task<MinimalHostProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(Dll))
        {
            throw new InvalidOperationException($"The minimal gRPC host is not built at {Dll}; build the solution first.");
        }

        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [Dll, port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var startedAt = Stopwatch.GetTimestamp();
        var host = new MinimalHostProcess(Process.Start(start)!);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            host.ColdStart = await ServingProbe.WaitAsync(port, startedAt, () => host.HasExited, TimeSpan.FromSeconds(120));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
