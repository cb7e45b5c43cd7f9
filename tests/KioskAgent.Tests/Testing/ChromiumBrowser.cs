using Microsoft.Playwright;

namespace KioskAgent.Tests.Testing;

/// <summary>Debian's Chromium, headless, driven by Playwright. Never a downloaded browser.</summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private ChromiumBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static Task<ChromiumBrowser> LaunchAsync() => LaunchAsync([]);

    /// <summary>With more switches after the usual ones (a benchmark trying a renderer setting the kiosk's launcher passes).</summary>
    public static async Task<ChromiumBrowser> LaunchAsync(IReadOnlyList<string> extraArgs)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing. `./build.sh --target=Test` installs it (apt-get install chromium).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                .. extraArgs,
            ],
        });
        return new ChromiumBrowser(playwright, browser);
    }

    /// <summary>A page the size of the kiosk's landscape touchscreen.</summary>
    public async Task<IPage> NewKioskPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "zh-CN",
        });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
