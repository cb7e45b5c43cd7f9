using Microsoft.Playwright;

namespace KioskAgent.Tests.Testing.Layout;

/// <summary>
/// Whether a page, as drawn now, fits its viewport: the check in layout-check.js runs inside the
/// page and lists every text or button that lies outside the viewport, is cut off, overlaps
/// another text, is too small to read or touch, or lacks contrast.
/// </summary>
public static class LayoutCheck
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(LayoutCheck).Assembly.GetManifestResourceStream("layout-check.js")
            ?? throw new InvalidOperationException("layout-check.js is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Every problem found; empty when the page fits.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(Script.Value, new { minFontPx = 14, minTouchPx = 48, minContrast = 4.5 });

    /// <summary>Resizes the page and waits until it has laid out, fitted its text and finished its entry animation.</summary>
    public static async Task ResizeAsync(IPage page, KioskViewport viewport)
    {
        await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        await SettleAsync(page);
    }

    /// <summary>Two animation frames (resize observers have run) and no entry animation still playing.</summary>
    public static async Task SettleAsync(IPage page)
    {
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.animationName !== 'enter' || a.playState === 'finished')");
    }
}
