using System.Diagnostics;

namespace KioskAgent.Tests.Testing;

/// <summary>The real kioskctl binary, run as a technician would run it.</summary>
public static class KioskctlProcess
{
    /// <summary>
    /// Runs kioskctl on a pseudo-terminal (util-linux <c>script</c>), as a technician at a terminal
    /// sees it: progress bars and drawn tables. CI variables are dropped, since Spectre.Console turns
    /// interaction off under a CI server.
    /// </summary>
    public static Task<(int ExitCode, string Output)> RunInTerminalAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var command = string.Join(' ', new[] { "dotnet", TestPaths.KioskctlDll }.Concat(arguments).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var terminal = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["TERM"] = "xterm-256color", ["COLUMNS"] = "120", ["LINES"] = "40" };
        return RunAsync("script", ["-qefc", command, "/dev/null"], terminal, ["CI", "GITHUB_ACTIONS", "TF_BUILD", "GITLAB_CI", "JENKINS_URL", "TEAMCITY_VERSION", "BUILDKITE", "TRAVIS", "APPVEYOR", "BITBUCKET_BUILD_NUMBER", "CONTINUOUS_INTEGRATION"]);
    }

    /// <summary>Runs kioskctl with <paramref name="arguments"/>; returns the exit code and stdout + stderr.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? stdin = null) =>
        RunAsync("dotnet", [TestPaths.KioskctlDll, .. arguments], environment, [], stdin);

    /// <summary>Runs another build of kioskctl (a packaged one, an apphost) with <paramref name="arguments"/>.</summary>
    public static Task<(int ExitCode, string Output)> RunBuildAsync(string executable, IEnumerable<string> arguments) =>
        RunAsync(executable, arguments, null, []);

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string executable,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        IEnumerable<string> dropped,
        string? stdin = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A developer's own technician and broker variables must not leak into a test.
        foreach (var name in new[] { "KIOSK_TECH_USER", "KIOSK_TECH_PASSWORD", "KIOSK_TECH_PASSWORD_FILE", "KIOSK_TECH_TOKEN", "KIOSKCTL_AGENT", "KIOSKCTL_BROKER", "KIOSKCTL_BROKER_USER", "KIOSKCTL_BROKER_PASSWORD", "KIOSKCTL_SIGNING_KEY" }.Concat(dropped))
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
