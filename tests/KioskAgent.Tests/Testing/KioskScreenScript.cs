using System.Diagnostics;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// The kiosk browser's launcher (packaging/kiosk-screen/kiosk-screen) run by bash with stand-ins on
/// PATH: a fake <c>chromium</c> that records its arguments (and, if asked, beats the agent like a
/// page), fake <c>wlr-randr</c> and <c>cage</c> that record theirs. Everything lives in one
/// directory on tmpfs (/dev/shm), as the runtime directory of a kiosk user does.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KioskScreenScript : IDisposable
{
    /// <summary>
    /// Records its arguments one per line in argv.PID; with FAKE_BEAT=1 it then posts an empty
    /// KioskUi.Heartbeat (gRPC-Web) to the page's origin every second, like the kiosk page, until
    /// freeze.PID appears: then it stays alive and silent, as a frozen page does.
    /// </summary>
    private const string FakeChromium = """
        #!/bin/bash
        printf '%s\n' "$@" > "$FAKE_DIR/argv.$$"
        echo $$ >> "$FAKE_DIR/browsers"
        [ "${FAKE_BEAT:-0}" = 1 ] || exit 0
        url="${@: -1}"
        while [ ! -e "$FAKE_DIR/freeze.$$" ]; do
          printf '\0\0\0\0\0' | curl -s -o /dev/null --max-time 2 -X POST -H 'content-type: application/grpc-web+proto' \
            -H 'x-grpc-web: 1' --data-binary @- "${url%/}/kiosk.v1.KioskUi/Heartbeat"
          sleep 1
        done
        exec sleep 100000
        """;

    private const string FakeWlrRandr = """
        #!/bin/bash
        if [ $# -eq 0 ]; then echo 'HDMI-A-1 "Test Monitor"'; echo '  Enabled: yes'; exit 0; fi
        printf '%s\n' "$@" > "$FAKE_DIR/wlr-randr"
        """;

    /// <summary>cage 0.1.4's help (it rotates with -r); otherwise records its flags and runs what follows "--".</summary>
    private const string FakeCage = """
        #!/bin/bash
        if [ "$1" = -h ]; then printf 'Usage: cage [OPTIONS] [--] APPLICATION\n\n -d\t Don'"'"'t draw client side decorations\n -r\t Rotate the output 90 degrees clockwise, specify up to three times\n -s\t Allow VT switching\n'; exit 0; fi
        args=()
        while [ "$1" != -- ]; do args+=("$1"); shift; done
        shift
        printf '%s\n' "${args[@]}" > "$FAKE_DIR/cage"
        echo "${KIOSK_SCREEN_COMPOSITOR_ROTATES:-}" > "$FAKE_DIR/cage-rotates"
        exec "$@"
        """;

    public KioskScreenScript()
    {
        Directory = Path.Combine("/dev/shm", $"kiosk-screen-test-{Guid.NewGuid():N}");
        RuntimeDirectory = Path.Combine(Directory, "run");
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "bin"));
        System.IO.Directory.CreateDirectory(RuntimeDirectory);
        Write("bin/chromium", FakeChromium);
        Write("bin/wlr-randr", FakeWlrRandr);
        Write("bin/cage", FakeCage);
    }

    public static string Launcher { get; } = Path.Combine(TestPaths.RepositoryRoot, "packaging", "kiosk-screen", "kiosk-screen");

    /// <summary>The stand-ins' directory (FAKE_DIR); on tmpfs.</summary>
    public string Directory { get; }

    /// <summary>The kiosk user's XDG_RUNTIME_DIR stand-in.</summary>
    public string RuntimeDirectory { get; }

    /// <summary>The arguments of the browser started last.</summary>
    public IReadOnlyList<string> LastBrowserArguments =>
        File.ReadAllLines(new DirectoryInfo(Directory).GetFiles("argv.*").OrderBy(f => f.LastWriteTimeUtc).Last().FullName);

    public string[]? Recorded(string name) => File.Exists(Path.Combine(Directory, name)) ? File.ReadAllLines(Path.Combine(Directory, name)) : null;

    /// <summary>The environment the units give the script, plus the stand-ins first on PATH.</summary>
    public Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? settings = null)
    {
        var env = new Dictionary<string, string>
        {
            ["PATH"] = $"{Path.Combine(Directory, "bin")}:/usr/bin:/bin",
            ["XDG_RUNTIME_DIR"] = RuntimeDirectory,
            ["FAKE_DIR"] = Directory,
            ["KIOSK_SCREEN_WAIT_SECONDS"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return env;
    }

    /// <summary>Runs the launcher to its end (the fake browser returns at once) and returns its exit code and stderr.</summary>
    public async Task<(int ExitCode, string Log)> RunAsync(string command, IReadOnlyDictionary<string, string>? settings = null)
    {
        using var process = Start(command, Environment(settings));
        var log = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, log);
    }

    /// <summary>Starts the script and leaves it running (the watcher); its stderr is drained into <paramref name="log"/>.</summary>
    public static Process Start(string command, IReadOnlyDictionary<string, string> environment, System.Text.StringBuilder? log = null)
    {
        var start = new ProcessStartInfo("bash", [Launcher, command])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        if (log is not null)
        {
            process.ErrorDataReceived += (_, e) =>
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            };
            process.BeginErrorReadLine();
        }

        return process;
    }

    /// <summary>Ends every fake browser still running (by the pids they wrote), then removes the directory.</summary>
    public void Dispose()
    {
        foreach (var pid in Recorded("browsers") ?? [])
        {
            try
            {
                // Only a process that is still one of ours (its pid may have been reused since).
                if (File.ReadAllText($"/proc/{pid}/environ").Contains($"FAKE_DIR={Directory}\0", StringComparison.Ordinal))
                {
                    using var browser = Process.GetProcessById(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture));
                    browser.Kill();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        File.WriteAllText(path, content.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
