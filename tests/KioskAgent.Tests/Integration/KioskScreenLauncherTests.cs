using System.Diagnostics;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The Chromium kiosk launcher and its systemd user units (packaging/kiosk-screen): the flags the
/// browser gets, rotation, a fresh profile on tmpfs, cage, the units' syntax (systemd-analyze), and
/// the watcher restarting a browser whose page stopped beating, against a real agent.
/// </summary>
[Trait("Category", TestCategories.Integration)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KioskScreenLauncherTests : IDisposable
{
    private static readonly string Folder = Path.Combine(TestPaths.RepositoryRoot, "packaging", "kiosk-screen");
    private readonly KioskScreenScript _script = new();

    public void Dispose() => _script.Dispose();

    [Fact]
    public async Task Launch_StartsChromiumInKioskMode_WithAFreshProfileOnTmpfs_AndNoRestorePrompt()
    {
        var stale = Path.Combine(_script.RuntimeDirectory, "kiosk-screen", "chromium", "Default");
        Directory.CreateDirectory(stale);
        await File.WriteAllTextAsync(Path.Combine(stale, "Preferences"), """{"profile":{"exit_type":"Crashed"}}""");

        var (exit, log) = await _script.RunAsync("launch", new Dictionary<string, string> { ["KIOSK_SCREEN_URL"] = "http://127.0.0.1:17150/" });

        Assert.True(exit == 0, log);
        var argv = _script.LastBrowserArguments;
        var profile = Path.Combine(_script.RuntimeDirectory, "kiosk-screen", "chromium");
        Assert.Equal("http://127.0.0.1:17150/", argv[^1]);
        foreach (var flag in new[]
        {
            "--kiosk", "--password-store=basic", $"--user-data-dir={profile}", "--disable-session-crashed-bubble",
            "--hide-crash-restore-bubble", "--noerrdialogs", "--no-first-run", "--disable-pinch", "--overscroll-history-navigation=0",
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--js-flags=--lite-mode",
        })
        {
            Assert.Contains(flag, argv);
        }

        // The profile of the crashed browser is gone: nothing to offer to restore.
        Assert.False(File.Exists(Path.Combine(stale, "Preferences")));
        Assert.Equal("tmpfs", await RunAsync("stat", "-f", "-c", "%T", profile));
        Assert.Null(_script.Recorded("wlr-randr"));
    }

    [Theory]
    [InlineData("90", "", "HDMI-A-1")]
    [InlineData("180", "DSI-1", "DSI-1")]
    [InlineData("270", "HDMI-A-2", "HDMI-A-2")]
    public async Task Launch_TurnsTheOutput_SoTouchTurnsWithIt(string rotation, string output, string turned)
    {
        var (exit, log) = await _script.RunAsync("launch", new Dictionary<string, string> { ["KIOSK_SCREEN_ROTATION"] = rotation, ["KIOSK_SCREEN_OUTPUT"] = output });

        Assert.True(exit == 0, log);
        Assert.Equal(["--output", turned, "--transform", rotation], _script.Recorded("wlr-randr") ?? []);
        Assert.Contains("--kiosk", _script.LastBrowserArguments);
    }

    [Fact]
    public async Task Launch_WithABadRotation_SaysSo_AndStillShowsThePage()
    {
        var (exit, log) = await _script.RunAsync("launch", new Dictionary<string, string> { ["KIOSK_SCREEN_ROTATION"] = "45", ["KIOSK_SCREEN_EXTRA_FLAGS"] = "--force-device-scale-factor=1.25" });

        Assert.True(exit == 0, log);
        Assert.Contains("KIOSK_SCREEN_ROTATION must be 0, 90, 180 or 270", log, StringComparison.Ordinal);
        Assert.Null(_script.Recorded("wlr-randr"));
        Assert.Contains("--force-device-scale-factor=1.25", _script.LastBrowserArguments);
    }

    [Fact]
    public async Task Launch_WithoutABrowser_FailsWithAClearMessage()
    {
        var (exit, log) = await _script.RunAsync("launch", new Dictionary<string, string> { ["KIOSK_SCREEN_BROWSER"] = "/nonexistent/chromium" });

        Assert.NotEqual(0, exit);
        Assert.Contains("/nonexistent/chromium", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cage_RotatesWithItsOwnFlag_AndRunsTheLauncherInside()
    {
        var (exit, log) = await _script.RunAsync("cage", new Dictionary<string, string> { ["KIOSK_SCREEN_ROTATION"] = "270" });

        Assert.True(exit == 0, log);
        Assert.Equal(["-d", "-s", "-r", "-r", "-r"], _script.Recorded("cage") ?? []);
        Assert.Equal(["1"], _script.Recorded("cage-rotates") ?? []);
        // cage turned the output (and touch with it): the launcher inside must not turn it again.
        Assert.Null(_script.Recorded("wlr-randr"));
        Assert.Contains("--password-store=basic", _script.LastBrowserArguments);
    }

    [Fact]
    public async Task Units_PassSystemdAnalyzeVerify_AsUserUnits()
    {
        var units = Directory.GetFiles(Folder, "*.service");
        Assert.Equal(["kiosk-screen-cage.service", "kiosk-screen-watch.service", "kiosk-screen.service"], units.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var check = Path.Combine(_script.Directory, "units");
        Directory.CreateDirectory(check);
        var runtime = Path.Combine(_script.Directory, "systemd-run");
        Directory.CreateDirectory(runtime);
        foreach (var unit in units)
        {
            var text = await File.ReadAllTextAsync(unit);
            Assert.Contains("ExecStart=/usr/bin/kiosk-screen ", text, StringComparison.Ordinal);
            Assert.Contains("Restart=always", text, StringComparison.Ordinal);
            Assert.Contains("EnvironmentFile=-/etc/kiosk-agent/kiosk-screen.env", text, StringComparison.Ordinal);
            // Installed, /usr/bin/kiosk-screen is the launcher; here the repository's copy stands in.
            var copy = Path.Combine(check, Path.GetFileName(unit));
            await File.WriteAllTextAsync(copy, text.Replace("/usr/bin/kiosk-screen", KioskScreenScript.Launcher, StringComparison.Ordinal));

            var (exit, output) = await RunWithStderrAsync(new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = runtime }, "systemd-analyze", "verify", "--user", copy);

            // verify only warns (exit 0) about unknown keys or values: any output is a defect.
            Assert.True(exit == 0 && output.Length == 0, $"{Path.GetFileName(unit)}: exit {exit}\n{output}");
        }
    }

    [Fact]
    public async Task Watch_RestartsTheBrowser_WhenItsPageStopsBeating_AndLeavesABeatingOneAlone()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { Extra = new Dictionary<string, string> { ["Screen__HeartbeatTimeoutSeconds"] = "3" } });
        using var http = new HttpClient { BaseAddress = new Uri(agent.UiUrl) };
        Assert.Equal("absent", await ScreenHealthAsync(http, System.Net.HttpStatusCode.ServiceUnavailable));

        // What systemctl --user restart does to the browser's unit: end the browser, start the launcher again.
        _script.Write("restart", """
            #!/bin/bash
            echo restart >> "$FAKE_DIR/restarts"
            kill "$(tail -n 1 "$FAKE_DIR/browsers")"
            setsid bash "$LAUNCHER" launch >/dev/null 2>&1 < /dev/null &
            """);
        var settings = new Dictionary<string, string>
        {
            ["KIOSK_SCREEN_URL"] = agent.UiUrl,
            ["FAKE_BEAT"] = "1",
            ["LAUNCHER"] = KioskScreenScript.Launcher,
            ["KIOSK_SCREEN_WATCH_INTERVAL"] = "1",
            ["KIOSK_SCREEN_WATCH_AFTER"] = "2",
            ["KIOSK_SCREEN_WATCH_GRACE"] = "15",
            ["KIOSK_SCREEN_RESTART_COMMAND"] = Path.Combine(_script.Directory, "restart"),
        };
        var env = _script.Environment(settings);
        using var first = KioskScreenScript.Start("launch", env);
        await Eventually.TrueAsync(() => ScreenHealth(http) == "ok", "the fake browser's beats to make the screen ok");
        var log = new System.Text.StringBuilder();
        using var watcher = KioskScreenScript.Start("watch", env, log);
        try
        {
            // A beating page is left alone.
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Null(_script.Recorded("restarts"));

            // The page freezes: the browser lives on, the beats stop.
            var frozen = _script.Recorded("browsers")!.Single();
            await File.WriteAllTextAsync(Path.Combine(_script.Directory, $"freeze.{frozen}"), "");
            await Eventually.TrueAsync(() => ScreenHealth(http) == "fault: no heartbeat for 3 s", "the agent to see the silence");
            await Eventually.TrueAsync(() => _script.Recorded("restarts")?.Length == 1, "the watcher to restart the browser", TimeSpan.FromSeconds(60));
            await Eventually.TrueAsync(() => ScreenHealth(http) == "ok", "the new browser's beats", TimeSpan.FromSeconds(60));
            Assert.False(File.Exists($"/proc/{frozen}/environ"), "the frozen browser was ended");

            // The new browser beats: no second restart, beyond the grace time too.
            await Task.Delay(TimeSpan.FromSeconds(20));
            Assert.True(_script.Recorded("restarts")!.Length == 1, log.ToString());
        }
        finally
        {
            watcher.Kill();
        }
    }

    private static string? ScreenHealth(HttpClient http)
    {
        using var response = http.GetAsync("screen/health").GetAwaiter().GetResult();
        return response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Trim();
    }

    private static async Task<string> ScreenHealthAsync(HttpClient http, System.Net.HttpStatusCode expected)
    {
        using var response = await http.GetAsync("screen/health");
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).Trim();
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var (exit, output) = await RunWithStderrAsync(new Dictionary<string, string>(), file, args);
        Assert.True(exit == 0, output);
        return output.Trim();
    }

    private static async Task<(int ExitCode, string Output)> RunWithStderrAsync(IReadOnlyDictionary<string, string> env, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
