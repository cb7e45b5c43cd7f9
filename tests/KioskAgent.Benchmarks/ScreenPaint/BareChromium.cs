using System.Diagnostics;
using System.Globalization;

namespace KioskAgent.Benchmarks.ScreenPaint;

/// <summary>
/// The kiosk page in Debian's Chromium started as a kiosk starts it: by the kiosk's own launcher
/// (packaging/kiosk-screen/kiosk-screen launch), so the renderer gets the switches a kiosk ships with,
/// a plain process with the page's URL and no DevTools client attached (no Playwright, no remote
/// debugging). What the renderer keeps here is what a kiosk's renderer keeps; the harness can only
/// read its resident set from /proc.
/// </summary>
public sealed class BareChromium : IAsyncDisposable
{
    /// <summary>
    /// What this machine needs beyond the launcher's switches: no display (headless), no GPU, no user
    /// namespaces for the sandbox; the page at the 7" panel's size in the kiosk's default language.
    /// </summary>
    public static readonly IReadOnlyList<string> HarnessSwitches = ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=800,480", "--lang=zh-CN"];

    private readonly Process _browser;
    private readonly string _folder;

    private BareChromium(Process browser, string folder)
    {
        _browser = browser;
        _folder = folder;
    }

    /// <summary>The launcher's script, in the repository.</summary>
    public static string Launcher { get; } = Path.Combine(KioskAgent.Tests.Testing.TestPaths.RepositoryRoot, "packaging", "kiosk-screen", "kiosk-screen");

    /// <summary>
    /// Runs the kiosk's launcher for <paramref name="url"/> with Debian's Chromium; <see cref="HarnessSwitches"/>
    /// and then <paramref name="extraArgs"/> go in as a kiosk's KIOSK_SCREEN_EXTRA_FLAGS (after the launcher's own).
    /// </summary>
    public static BareChromium Start(string url, IEnumerable<string> extraArgs)
    {
        // The profile on tmpfs, as the launcher puts it on a kiosk (the runtime directory).
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var folder = Path.Combine(root, $"bench-bare-chromium-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Launcher);
        start.ArgumentList.Add("launch");
        start.Environment["KIOSK_SCREEN_URL"] = url;
        start.Environment["KIOSK_SCREEN_BROWSER"] = KioskAgent.Tests.Testing.ChromiumBrowser.Executable;
        start.Environment["KIOSK_SCREEN_PROFILE_BASE"] = folder;
        // What a kiosk would put in KIOSK_SCREEN_EXTRA_FLAGS: here the harness's switches, then the variant's.
        start.Environment["KIOSK_SCREEN_EXTRA_FLAGS"] = string.Join(' ', HarnessSwitches.Concat(extraArgs));

        // The launcher execs Chromium (Debian's wrapper execs the binary): one process id throughout.
        var browser = Process.Start(start) ?? throw new InvalidOperationException("the kiosk launcher did not start");
        browser.OutputDataReceived += (_, _) => { };
        browser.ErrorDataReceived += (_, _) => { };
        browser.BeginOutputReadLine();
        browser.BeginErrorReadLine();
        return new BareChromium(browser, folder);
    }

    /// <summary>The browser's command line as the launcher started it (for the report: the switches it runs with).</summary>
    public string CommandLine() => Cmdline(_browser.Id).Trim();

    /// <summary>
    /// The resident set of the browser's largest renderer process (the page's), split as the kernel
    /// counts it, and how many renderers there are. VmRSS includes the file pages of the chromium binary
    /// and fonts the renderer has touched (shared with the other processes); RssAnon is its own memory.
    /// </summary>
    public RendererMemory RendererRss()
    {
        var renderers = Descendants(_browser.Id)
            .Where(pid => Cmdline(pid).Contains("--type=renderer", StringComparison.Ordinal))
            .Select(Status)
            .Where(r => r.Rss > 0)
            .ToArray();
        return renderers.Length == 0 ? new RendererMemory(0, 0, 0, 0, 0) : renderers.MaxBy(r => r.Rss)! with { Renderers = renderers.Length };
    }

    public async ValueTask DisposeAsync()
    {
        if (!_browser.HasExited)
        {
            _browser.Kill(entireProcessTree: true);
            await _browser.WaitForExitAsync();
        }

        _browser.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A helper process may still hold a file for a moment; the folder is a temporary one.
        }
    }

    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (pid, parent) in parents)
            {
                if (parent == current)
                {
                    found.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return found;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            return int.Parse(StatFields(pid)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>/proc/PID/stat from its third field (state) on: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.</summary>
    private static string[] StatFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static string Cmdline(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>utime + stime of /proc/PID/stat (fields 14 and 15), in seconds (USER_HZ is 100 on Linux).</summary>
    private static double CpuSeconds(int pid)
    {
        var fields = StatFields(pid);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static RendererMemory Status(int pid)
    {
        try
        {
            var kb = File.ReadLines($"/proc/{pid}/status")
                .Select(l => l.Split(':', 2))
                .Where(p => p.Length == 2 && p[1].TrimEnd().EndsWith(" kB", StringComparison.Ordinal))
                .ToDictionary(p => p[0], p => long.Parse(p[1].Trim()[..^3], CultureInfo.InvariantCulture) * 1024, StringComparer.Ordinal);
            long Field(string name) => kb.GetValueOrDefault(name);
            return new RendererMemory(Field("VmRSS"), Field("RssAnon"), Field("RssFile"), Field("RssShmem"), 1, pid, CpuSeconds(pid));
        }
        catch (IOException)
        {
            return new RendererMemory(0, 0, 0, 0, 0);
        }
    }
}
