using System.Diagnostics;
using System.Text;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// The real kioskctl running in the background (e.g. `fleet simulate`), its output collected line
/// by line while it runs so a test can wait for a line and act meanwhile.
/// </summary>
public sealed class BackgroundKioskctl : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BackgroundKioskctl(Process process) => _process = process;

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

    public static BackgroundKioskctl Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [TestPaths.KioskctlDll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { "KIOSKCTL_BROKER", "KIOSKCTL_BROKER_USER", "KIOSKCTL_BROKER_PASSWORD" })
        {
            start.Environment.Remove(name);
        }

        var process = Process.Start(start)!;
        var kioskctl = new BackgroundKioskctl(process);
        process.OutputDataReceived += (_, e) => kioskctl.Append(e.Data);
        process.ErrorDataReceived += (_, e) => kioskctl.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return kioskctl;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"kioskctl did not finish within {timeout}:\n{Output}");
        }

        // Returns once the asynchronous readers have the last lines too.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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
}
