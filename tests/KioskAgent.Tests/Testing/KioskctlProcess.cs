using System.Diagnostics;

namespace KioskAgent.Tests.Testing;

/// <summary>The real kioskctl binary, run as a technician would run it.</summary>
public static class KioskctlProcess
{
    /// <summary>Runs kioskctl with <paramref name="arguments"/>; returns the exit code and stdout + stderr.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(TestPaths.KioskctlDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A developer's own technician and broker variables must not leak into a test.
        foreach (var name in new[] { "KIOSK_TECH_USER", "KIOSK_TECH_PASSWORD", "KIOSK_TECH_PASSWORD_FILE", "KIOSK_TECH_TOKEN", "KIOSKCTL_AGENT", "KIOSKCTL_BROKER", "KIOSKCTL_BROKER_USER", "KIOSKCTL_BROKER_PASSWORD", "KIOSKCTL_SIGNING_KEY" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
