using System.Diagnostics;
using System.Globalization;

namespace KioskAgent.Benchmarks.ScreenPaint;

/// <summary>
/// The kiosk page in Debian's Chromium started as a kiosk starts it: a plain process with the page's
/// URL, no DevTools client attached (no Playwright, no remote debugging). What the renderer keeps
/// here is what a kiosk's renderer keeps; the harness can only read its resident set from /proc.
/// </summary>
public sealed class BareChromium : IAsyncDisposable
{
    private readonly Process _browser;
    private readonly string _profile;

    private BareChromium(Process browser, string profile)
    {
        _browser = browser;
        _profile = profile;
    }

    public static BareChromium Start(string url, IEnumerable<string> extraArgs)
    {
        var profile = Directory.CreateTempSubdirectory("bench-bare-chromium-").FullName;
        var start = new ProcessStartInfo(KioskAgent.Tests.Testing.ChromiumBrowser.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--lang=zh-CN",
            "--window-size=800,480", $"--user-data-dir={profile}",
        }.Concat(extraArgs).Append(url))
        {
            start.ArgumentList.Add(arg);
        }

        var browser = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        browser.OutputDataReceived += (_, _) => { };
        browser.ErrorDataReceived += (_, _) => { };
        browser.BeginOutputReadLine();
        browser.BeginErrorReadLine();
        return new BareChromium(browser, profile);
    }

    /// <summary>The largest resident set among the browser's renderer processes, in bytes, and how many there are.</summary>
    public (long Rss, int Renderers) RendererRss()
    {
        var renderers = Descendants(_browser.Id)
            .Where(pid => Cmdline(pid).Contains("--type=renderer", StringComparison.Ordinal))
            .Select(Rss)
            .Where(r => r > 0)
            .ToArray();
        return (renderers.Length == 0 ? 0 : renderers.Max(), renderers.Length);
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
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A helper process may still hold a file for a moment; the folder is in /tmp.
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
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
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

    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
