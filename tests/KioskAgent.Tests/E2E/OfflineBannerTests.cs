using KioskAgent.Central;
using KioskAgent.Central.Members;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// The "offline — data as of …" banner: a real agent synced from the reference central over a real
/// mosquitto, the broker stopped and started again under it, the page in headless Chromium. The
/// banner is checked by the layout check at every display size in zh-CN and en, over the idle and
/// the member screen, and photographed into artifacts/test-results/layout.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class OfflineBannerTests(ITestOutputHelper output)
{
    private static readonly string[] Languages = ["zh-CN", "en"];

    /// <summary>Central's level names (data, in Chinese only), which the member screen shows as they are.</summary>
    private static readonly string[] LevelNames = [.. MemberDatasetGenerator.Levels.Select(l => l.Name)];

    [Fact]
    public async Task BrokerStops_BannerShowsTheSyncTime_OnEveryScreenAndSize_AndGoesWhenTheBrokerReturns()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var layout = LayoutMembers.Members(DateOnly.FromDateTime(DateTime.UtcNow));
        var members = new CentralMembers(new MemberDataset(layout.Members, MemberDatasetGenerator.Levels, MemberDatasetGenerator.Gifts));
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Parts = { members } });
        var extra = new Dictionary<string, string>
        {
            ["Screen__ClearAfterSeconds"] = "600",
            ["Kiosk__Language"] = "bilingual",
        };
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { KioskId = "K-02", BrokerPort = broker.Port, Extra = extra });
        var synced = await ScreenReader.WaitForAsync(agent.Channel, s => s.Link is { Offline: false, DataAsOf: not null }, "an online screen with the member data's sync time", TimeSpan.FromSeconds(60));
        var syncedAt = synced.Link.DataAsOf.ToDateTimeOffset();
        await using var chromium = await ChromiumBrowser.LaunchAsync();
        var page = await chromium.NewKioskPageAsync();
        await page.GotoAsync(agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "online");
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("offline-banner")).ToHaveCountAsync(0);

        await broker.StopAsync();
        var banner = page.GetByTestId("offline-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var problems = new List<string>();
        await CheckAsync(page, "offline-idle", problems);
        await AssertSaysSyncTimeAsync(page, syncedAt);

        // Taps go on from the cache while central is away; the banner stays over the member screen.
        await agent.TapAsync(LayoutMembers.LongCard);
        await Assertions.Expect(page.GetByTestId("screen-member")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-freshness=checking]') === null", null, new() { Timeout = 20_000 });
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await CheckAsync(page, "offline-member", problems);
        Assert.True(problems.Count == 0, $"{problems.Count} layout problems:\n{string.Join('\n', problems)}");

        await broker.StartAgainAsync();
        await Assertions.Expect(banner).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("screen-member")).ToBeVisibleAsync();
    }

    /// <summary>The banner names the sync time as the page's clock shows it, in the page's language.</summary>
    private static async Task AssertSaysSyncTimeAsync(IPage page, DateTimeOffset syncedAt)
    {
        await LanguageCheck.SwitchToAsync(page, "zh-CN");
        var minute = await page.EvaluateAsync<string>("ms => { const d = new Date(ms); return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0'); }", syncedAt.ToUnixTimeMilliseconds());
        await Assertions.Expect(page.GetByTestId("offline-banner")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^离线 · 数据截至 .*{minute}$"));
        await LanguageCheck.SwitchToAsync(page, "en");
        await Assertions.Expect(page.GetByTestId("offline-banner")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^Offline — data as of .*{minute}$"));
        await LanguageCheck.SwitchToAsync(page, "bilingual");
    }

    private async Task CheckAsync(IPage page, string name, List<string> problems)
    {
        var folder = TestPaths.Artifacts("layout");
        foreach (var language in Languages)
        {
            await LanguageCheck.SwitchToAsync(page, language);
            foreach (var viewport in KioskViewport.All)
            {
                await LayoutCheck.ResizeAsync(page, viewport);
                problems.AddRange((await LayoutCheck.ProblemsAsync(page)).Select(p => $"{name} {language} @ {viewport}: {p}"));
                Assert.Empty(await LanguageCheck.ForeignTextsAsync(page, language, LevelNames));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{language}-{viewport}.png") });
            }
        }

        await LanguageCheck.SwitchToAsync(page, "bilingual");
        output.WriteLine($"{name}: checked in {Languages.Length} languages at {KioskViewport.All.Count} sizes");
    }
}
