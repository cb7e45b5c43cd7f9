using System.Text.Json;
using Microsoft.Playwright;

namespace KioskAgent.Benchmarks.ScreenPaint;

/// <summary>
/// What the harness sees inside the kiosk page, without changing the page: an init script (run
/// before the page's own) watches the DOM for each screen the page draws; for an armed member
/// screen it notes the time the screen was put into the document and the start of the next two
/// animation frames (the first: the frame that paints it; the second: that frame has been
/// presented). Page times are <c>performance.timeOrigin + performance.now()</c>: wall-clock ms
/// with the resolution of the page's monotonic clock. Memory comes through the DevTools protocol.
/// </summary>
public sealed class PageProbe
{
    private const string InitScript = """
        (() => {
          const b = window.__bench = { renders: 0, armed: false, paints: [] };
          const now = () => performance.timeOrigin + performance.now();
          new MutationObserver((records) => {
            for (const r of records) for (const n of r.addedNodes) {
              if (!(n instanceof HTMLElement) || !n.classList.contains("screen")) continue;
              b.renders++;
              if (b.armed && n.dataset.testid === "screen-member") {
                b.armed = false;
                const inserted = now();
                requestAnimationFrame(() => {
                  const raf1 = now();
                  requestAnimationFrame(() => b.paints.push({ inserted, raf1, raf2: now() }));
                });
              }
            }
          }).observe(document, { childList: true, subtree: true });
        })();
        """;

    private readonly IPage _page;
    private readonly ICDPSession _pageSession;
    private readonly ICDPSession _browserSession;

    private PageProbe(IPage page, ICDPSession pageSession, ICDPSession browserSession)
    {
        _page = page;
        _pageSession = pageSession;
        _browserSession = browserSession;
    }

    public static async Task<PageProbe> OpenAsync(IBrowser browser, string url)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 800, Height = 480 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(InitScript);
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("[data-testid=connection-status][data-state=online]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        var pageSession = await context.NewCDPSessionAsync(page);
        var browserSession = await browser.NewBrowserCDPSessionAsync();
        return new PageProbe(page, pageSession, browserSession);
    }

    public Task ArmAsync() => _page.EvaluateAsync("() => { window.__bench.armed = true; }");

    public Task<int> RendersAsync() => _page.EvaluateAsync<int>("() => window.__bench.renders");

    public Task WaitForRendersAsync(int count) =>
        _page.WaitForFunctionAsync("n => window.__bench.renders >= n", count, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 5 });

    /// <summary>The n-th armed member screen's (inserted, first frame, second frame) page times, once it has them.</summary>
    public async Task<(double Inserted, double Raf1, double Raf2)> PaintAsync(int index)
    {
        await _page.WaitForFunctionAsync("n => window.__bench.paints.length > n", index, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 5 });
        var p = await _page.EvaluateAsync<JsonElement>("n => window.__bench.paints[n]", index);
        return (p.GetProperty("inserted").GetDouble(), p.GetProperty("raf1").GetDouble(), p.GetProperty("raf2").GetDouble());
    }

    /// <summary>
    /// The page clock minus the harness clock (DateTimeOffset.UtcNow, CLOCK_REALTIME), in ms: the
    /// reading bracketed most tightly by two harness reads out of 20, and that bracket's half width.
    /// </summary>
    public async Task<(double OffsetMs, double UncertaintyMs)> ClockOffsetAsync()
    {
        var best = (Offset: 0.0, Half: double.MaxValue);
        for (var i = 0; i < 20; i++)
        {
            var before = Now();
            var page = await _page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            var after = Now();
            var half = (after - before) / 2;
            if (half < best.Half)
            {
                best = (page - ((before + after) / 2), half);
            }
        }

        return best;
    }

    /// <summary>
    /// Collects garbage, then the JS heap in use and allocated, DOM counters, and the largest
    /// renderer's resident set; then asks every process to free what it can (a critical
    /// memory-pressure notification: Blink purges its caches, V8 and the allocators give memory
    /// back) and reads that resident set again. Not Memory.forciblyPurgeJavaScriptMemory: it stops the
    /// page's JavaScript for good (the page draws no screen after it).
    /// </summary>
    public async Task<PageMemory> MemoryAsync()
    {
        await _pageSession.SendAsync("HeapProfiler.collectGarbage");
        var heap = await _pageSession.SendAsync("Runtime.getHeapUsage");
        var dom = await _pageSession.SendAsync("Memory.getDOMCounters");
        var renderers = await RenderersAsync();
        await _pageSession.SendAsync("Memory.simulatePressureNotification", new Dictionary<string, object> { ["level"] = "critical" });
        await Task.Delay(2000);
        var afterPressure = await RenderersAsync();
        return new PageMemory(
            heap!.Value.GetProperty("usedSize").GetDouble(),
            heap.Value.GetProperty("totalSize").GetDouble(),
            dom!.Value.GetProperty("nodes").GetInt32(),
            dom.Value.GetProperty("jsEventListeners").GetInt32(),
            renderers.Length == 0 ? 0 : renderers.Max(r => r.Rss),
            renderers.Length,
            afterPressure.Length == 0 ? 0 : afterPressure.Max(r => r.Rss));
    }

    private async Task<(int Pid, long Rss)[]> RenderersAsync()
    {
        var processes = await _browserSession.SendAsync("SystemInfo.getProcessInfo");
        return processes!.Value.GetProperty("processInfo").EnumerateArray()
            .Where(p => p.GetProperty("type").GetString() == "renderer")
            .Select(p => p.GetProperty("id").GetInt32())
            .Select(pid => (Pid: pid, Rss: RssBytes(pid)))
            .Where(r => r.Rss > 0)
            .ToArray();
    }

    /// <summary>The harness clock: CLOCK_REALTIME in ms since the Unix epoch, as the agent stamps taps.</summary>
    public static double Now() => Ms(DateTimeOffset.UtcNow);

    public static double Ms(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerMillisecond;

    private static long RssBytes(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return 0;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
