using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// Every screen a member meets, at every display size a kiosk has, checked in Chromium by the
/// layout check (nothing outside the viewport, cut off, overlapping, too small or too faint) and
/// photographed into artifacts/test-results/layout. One agent and one page for all of it: the page
/// is resized between viewports, as a rotated display would be.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class ScreenLayoutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Languages = ["zh-CN", "en", "bilingual"];

    private readonly List<string> _problems = [];
    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var extra = new Dictionary<string, string>(TestTechnician.Settings)
        {
            // Screens stay until the next one, so each can be looked at in every size.
            ["Screen__ClearAfterSeconds"] = "600",
            ["Screen__RefusalClearAfterSeconds"] = "600",
            ["Redemption__ClearAfterSeconds"] = "600",
            // Bilingual, so the language switch offers all three ways a site can run the screen.
            ["Kiosk__Language"] = "bilingual",
            // A long store name on the idle screen.
            ["Redemption__StoreName"] = "星光大道购物中心会员服务中心 · Starlight Avenue Shopping Centre Members' Lounge",
        };
        _agent = await AgentProcess.StartAsync(new AgentSettings { Demo = true, EmbeddedBroker = true, Extra = extra });
        await LayoutMembers.ImportAsync(_agent.Channel, LayoutMembers.Members(DateOnly.FromDateTime(DateTime.UtcNow)));
        _chromium = await ChromiumBrowser.LaunchAsync();
        _page = await _chromium.NewKioskPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task EveryScreen_FitsEveryDisplay()
    {
        await _page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(_page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "online");
        await Assertions.Expect(_page.GetByTestId("idle-store")).ToBeVisibleAsync();
        await CheckAsync("idle", "screen-idle");

        await ShowMemberAsync();
        await Assertions.Expect(_page.GetByTestId("member-birthday")).ToBeVisibleAsync();
        await Assertions.Expect(_page.GetByTestId("member-progress")).ToBeVisibleAsync();
        await Assertions.Expect(_page.GetByTestId("member-expiring")).ToBeVisibleAsync();
        await Assertions.Expect(_page.GetByTestId("member-balance")).ToHaveTextAsync("¥9,876,543.21");
        await CheckAsync("member", "screen-member");

        foreach (var (uid, reason) in LayoutMembers.RefusedCards)
        {
            await _agent.TapAsync(uid);
            await Assertions.Expect(_page.Locator($"[data-testid=screen-refusal][data-reason={reason}]")).ToBeVisibleAsync();
            await CheckAsync($"refusal-{reason}-{uid}", "screen-refusal");
        }

        await ShowMemberAsync();
        await _page.GetByTestId("member-redeem").ClickAsync();
        await Assertions.Expect(_page.Locator("[data-testid^=gift-][data-eligible]")).ToHaveCountAsync(3);
        await CheckAsync("gifts-3", "screen-gifts");

        await LayoutMembers.ImportAsync(_agent.Channel, LayoutMembers.MoreGifts());
        await ShowMemberAsync();
        await _page.GetByTestId("member-redeem").ClickAsync();
        await Assertions.Expect(_page.Locator("[data-testid^=gift-][data-eligible]")).ToHaveCountAsync(12);
        await CheckAsync("gifts-12", "screen-gifts");

        await _page.GetByTestId("gift-mug").ClickAsync();
        await CheckAsync("redeem-confirm", "screen-redeem-confirm");

        await _page.GetByTestId("confirm-redeem").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("done-print-status")).Not.ToHaveAttributeAsync("data-state", "printing", new() { Timeout = 20_000 });
        await CheckAsync("redeem-done", "screen-redeem-done");

        Assert.True(_problems.Count == 0, $"{_problems.Count} layout problems:\n{string.Join('\n', _problems)}");
    }

    private async Task ShowMemberAsync()
    {
        await _agent.TapAsync(LayoutMembers.LongCard);
        await Assertions.Expect(_page.GetByTestId("screen-member")).ToBeVisibleAsync();
        // The figures settle (cached, or central's live answer) before the screen is judged.
        await _page.WaitForFunctionAsync("() => document.querySelector('[data-freshness=checking]') === null", null, new() { Timeout = 20_000 });
    }

    /// <summary>
    /// Checks and photographs the current screen at every viewport in each language mode; problems are
    /// collected, not thrown, so one run shows them all. Leaves the page in the configured bilingual mode.
    /// </summary>
    private async Task CheckAsync(string name, string screenTestId)
    {
        await Assertions.Expect(_page.GetByTestId(screenTestId)).ToBeVisibleAsync();
        var folder = TestPaths.Artifacts("layout");
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var language in Languages)
        {
            await LanguageCheck.SwitchToAsync(_page, language);
            foreach (var viewport in KioskViewport.All)
            {
                await LayoutCheck.ResizeAsync(_page, viewport);
                var problems = await LayoutCheck.ProblemsAsync(_page);
                _problems.AddRange(problems.Select(p => $"{name} {language} @ {viewport}: {p}"));
                await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{language}-{viewport}.png") });
            }
        }

        await LanguageCheck.SwitchToAsync(_page, "bilingual");
        output.WriteLine($"{name}: checked in {Languages.Length} languages at {KioskViewport.All.Count} sizes in {started.ElapsedMilliseconds} ms");
    }
}
