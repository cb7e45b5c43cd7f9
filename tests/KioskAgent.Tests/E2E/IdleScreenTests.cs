using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// The attract screen: the store's name and how to identify (the card; the QR code of a digital card
/// only while the agent says it takes one), in both languages at every display size; and its dimmed
/// state (Screen:DimAfterSeconds), which any touch or tap ends at once without losing the touch.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class IdleScreenTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Store = "星光大道购物中心会员服务中心 · Starlight Avenue Shopping Centre Members' Lounge";
    private static readonly string[] Languages = ["zh-CN", "en", "bilingual"];

    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;

    public async Task InitializeAsync()
    {
        _agent = await AgentProcess.StartAsync(new AgentSettings
        {
            Demo = true,
            EmbeddedBroker = true,
            Extra = new Dictionary<string, string>
            {
                ["Screen__DimAfterSeconds"] = "3",
                ["Screen__ClearAfterSeconds"] = "8",
                ["Redemption__StoreName"] = Store,
                ["Kiosk__Language"] = "bilingual",
            },
        });
        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Idle_NamesTheStoreAndHowToTap_InEachLanguage_AndOffersNoQrWhileTheKioskTakesNone()
    {
        var page = await OpenAsync();

        await LanguageCheck.SwitchToAsync(page, "zh-CN");
        await Assertions.Expect(page.GetByTestId("idle-store")).ToHaveTextAsync("星光大道购物中心会员服务中心");
        await Assertions.Expect(page.GetByTestId("idle-hint-card")).ToHaveTextAsync("将会员卡靠近读卡器");
        Assert.Empty(await LanguageCheck.ForeignTextsAsync(page, "zh-CN", [_agent.Settings.KioskId]));
        await LanguageCheck.SwitchToAsync(page, "en");
        await Assertions.Expect(page.GetByTestId("idle-store")).ToHaveTextAsync("Starlight Avenue Shopping Centre Members' Lounge");
        await Assertions.Expect(page.GetByTestId("idle-hint-card")).ToHaveTextAsync("Hold your member card to the reader");
        Assert.Empty(await LanguageCheck.ForeignTextsAsync(page, "en", [_agent.Settings.KioskId]));
        await Assertions.Expect(page.GetByTestId("idle-hint-card").Locator("svg.way-icon")).ToBeVisibleAsync();

        // The agent takes no QR code (no camera path): the screen must not invite one.
        using (var watch = new KioskUi.KioskUiClient(_agent.Channel).WatchScreen(new WatchScreenRequest()))
        {
            Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal((Contracts.V1.Screen.ViewOneofCase.Idle, false, 3u), (watch.ResponseStream.Current.ViewCase, watch.ResponseStream.Current.Idle.QrAccepted, watch.ResponseStream.Current.Idle.DimAfterSeconds));
        }


        await Assertions.Expect(page.GetByTestId("idle-hint-qr")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Idle_WhenTheAgentTakesQrCodes_SaysSo_AndFitsEveryDisplayInEveryLanguage()
    {
        var page = await _chromium.NewKioskPageAsync();
        // Never dims (DimAfterSeconds 0), so the veil stays out of the layout check.
        var idle = new Contracts.V1.Screen { Sequence = 1, Idle = new IdleView { Greeting = "欢迎光临 · Welcome", QrAccepted = true, DimAfterSeconds = 0 } };
        await using var stream = await ScreenStreamServer.RouteAsync(page, idle);
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("idle-hint-qr")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("idle-store")).ToBeVisibleAsync();

        var problems = await CheckEverySizeAsync(page, "idle-qr");

        Assert.True(problems.Count == 0, $"{problems.Count} layout problems:\n{string.Join('\n', problems)}");
        await LanguageCheck.SwitchToAsync(page, "zh-CN");
        await Assertions.Expect(page.GetByTestId("idle-hint-qr")).ToHaveTextAsync("或出示电子会员卡二维码");
        await LanguageCheck.SwitchToAsync(page, "en");
        await Assertions.Expect(page.GetByTestId("idle-hint-qr")).ToHaveTextAsync("or show the QR code of your digital card");
    }

    [Fact]
    public async Task Idle_DimsAfterDimAfterSeconds_AndATouchWakesItAtOnce_WithoutLosingTheTouch()
    {
        var page = await OpenAsync();
        await LanguageCheck.SwitchToAsync(page, "zh-CN");

        // Dimmed: a dark veil with a faint hint that keeps moving (no burn-in).
        await DimmedAsync(page);
        await Assertions.Expect(page.GetByTestId("dim-hint")).ToContainTextAsync("轻触屏幕或刷卡");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('[data-testid=dim-veil]')).opacity === '1'");
        var before = await page.GetByTestId("dim-hint").BoundingBoxAsync();
        await Task.Delay(3000);
        var after = await page.GetByTestId("dim-hint").BoundingBoxAsync();
        Assert.True(Math.Abs(after!.X - before!.X) + Math.Abs(after.Y - before.Y) > 2, $"the dimmed hint stood still: {before.X},{before.Y} -> {after.X},{after.Y}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("layout"), "idle-dimmed-1280x800.png") });

        // A touch on the language switch wakes the screen and still switches the language.
        await page.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(page.Locator("#app")).ToHaveAttributeAsync("data-dimmed", "false", new() { Timeout = 1000 });
        await Assertions.Expect(page.GetByTestId("language-switch")).ToHaveAttributeAsync("data-lang", "en");

        // A touch on a card of the demo panel wakes it and taps the card.
        await DimmedAsync(page);
        var demoCard = page.Locator("[data-testid^=demo-tap-]").First;
        await demoCard.ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-member")).ToBeVisibleAsync();
        Assert.Equal("false", await page.Locator("#app").GetAttributeAsync("data-dimmed"));

        // A member's screen never dims, however long it stays.
        await Task.Delay(4500);
        await Assertions.Expect(page.GetByTestId("screen-member")).ToBeVisibleAsync();
        Assert.Equal("false", await page.Locator("#app").GetAttributeAsync("data-dimmed"));

        // Back on idle it dims again, and a card at the reader brings the member's screen up bright.
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await DimmedAsync(page);
        var uid = await demoCard.GetAttributeAsync("title");
        await _agent.TapAsync(uid!);
        await Assertions.Expect(page.GetByTestId("screen-member")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#app")).ToHaveAttributeAsync("data-dimmed", "false");
        await Assertions.Expect(page.GetByTestId("dim-veil")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task Idle_AtRest_OnlyTheCompositorMoves_AndThePageChangesNothing()
    {
        var page = await OpenAsync();

        // Bright: the three waves pulse, by opacity only (what the compositor animates without the page).
        // The screen dims after 3 s here: a slow moment can get there first, and a touch wakes it again.
        var bright = await RunningAnimationsAsync(page);
        for (var attempt = 0; attempt < 3 && await page.Locator("#app").GetAttributeAsync("data-dimmed") != "false"; attempt++)
        {
            await page.Mouse.ClickAsync(640, 150);
            bright = await RunningAnimationsAsync(page);
        }

        Assert.True(bright.Count(a => a.Target.Contains("tap-wave", StringComparison.Ordinal)) == 3, $"the idle screen's waves do not pulse: {Describe(bright)}");
        Assert.All(bright, a => Assert.True(a.Properties.All(CompositorOnly.Contains), $"{a.Target} animates {string.Join(", ", a.Properties)}: the page would lay out or paint every frame at rest"));

        // Dimmed: the hint drifts (by translate), the waves under the veil stop.
        await DimmedAsync(page);
        await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('[data-testid=dim-veil]')).opacity === '1'");
        var dimmed = await RunningAnimationsAsync(page);
        Assert.Contains(dimmed, a => a.Target.Contains("dim-hint", StringComparison.Ordinal) && a.Properties.Contains("translate"));
        Assert.DoesNotContain(dimmed, a => a.Target.Contains("tap-wave", StringComparison.Ordinal));
        Assert.All(dimmed, a => Assert.True(a.Properties.All(CompositorOnly.Contains), $"{a.Target} animates {string.Join(", ", a.Properties)} while dimmed"));

        // At rest the document does not change: the clock redraws only when the minute does. A minute
        // turning over during the watch is a real change, so the watch is repeated once then.
        var changes = -1;
        for (var attempt = 0; attempt < 2 && changes != 0; attempt++)
        {
            changes = await page.EvaluateAsync<int>(
                """
                async () => {
                  const minute = new Date().getMinutes();
                  let changes = 0;
                  const observer = new MutationObserver((list) => { changes += list.length; });
                  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
                  await new Promise((r) => setTimeout(r, 3500));
                  observer.disconnect();
                  return new Date().getMinutes() === minute ? changes : -1;
                }
                """);
        }

        Assert.Equal(0, changes);
    }

    private static readonly HashSet<string> CompositorOnly = new(StringComparer.Ordinal) { "opacity", "transform", "translate", "scale", "rotate" };

    private sealed class RunningAnimation
    {
        public string Target { get; set; } = "";

        public string[] Properties { get; set; } = [];
    }

    /// <summary>The page's running animations: the element's classes and the properties their keyframes set.</summary>
    private static async Task<RunningAnimation[]> RunningAnimationsAsync(IPage page) =>
        await page.EvaluateAsync<RunningAnimation[]>(
            """
            () => document.getAnimations()
              .filter((a) => a.playState === "running")
              .map((a) => ({
                target: (a.effect.target?.getAttribute("class") ?? "") + " #" + (a.effect.target?.dataset.testid ?? ""),
                properties: [...new Set(a.effect.getKeyframes().flatMap((k) => Object.keys(k)))]
                  .filter((p) => !["offset", "computedOffset", "easing", "composite"].includes(p)),
              }))
            """);

    private static string Describe(IEnumerable<RunningAnimation> animations) =>
        string.Join("; ", animations.Select(a => $"{a.Target}: {string.Join(",", a.Properties)}"));

    private async Task<IPage> OpenAsync()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "online");
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();
        return page;
    }

    private static Task DimmedAsync(IPage page) =>
        Assertions.Expect(page.Locator("#app")).ToHaveAttributeAsync("data-dimmed", "true", new() { Timeout = 20_000 });

    /// <summary>The layout check at every display size in every language, with screenshots.</summary>
    private async Task<List<string>> CheckEverySizeAsync(IPage page, string name)
    {
        var problems = new List<string>();
        var folder = TestPaths.Artifacts("layout");
        foreach (var language in Languages)
        {
            await LanguageCheck.SwitchToAsync(page, language);
            foreach (var viewport in KioskViewport.All)
            {
                await LayoutCheck.ResizeAsync(page, viewport);
                problems.AddRange((await LayoutCheck.ProblemsAsync(page)).Select(p => $"{name} {language} @ {viewport}: {p}"));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{language}-{viewport}.png") });
            }
        }

        output.WriteLine($"{name}: checked in {Languages.Length} languages at {KioskViewport.All.Count} sizes");
        return problems;
    }
}
