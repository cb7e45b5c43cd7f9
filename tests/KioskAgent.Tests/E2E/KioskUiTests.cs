using KioskAgent.Tests.Testing;
using Microsoft.Playwright;

namespace KioskAgent.Tests.E2E;

/// <summary>The built kiosk UI, served by a real agent, in headless Chromium.</summary>
[Trait("Category", TestCategories.E2E)]
public sealed class KioskUiTests : IAsyncLifetime
{
    private ChromiumBrowser _chromium = null!;
    private AgentProcess _agent = null!;

    public async Task InitializeAsync()
    {
        var wwwroot = Path.Combine(Path.GetDirectoryName(TestPaths.AgentDll)!, "wwwroot", "index.html");
        if (!File.Exists(wwwroot))
        {
            throw new InvalidOperationException($"The kiosk UI is not built into the agent ({wwwroot} missing); run ./build.sh --target=Build.");
        }

        _agent = await AgentProcess.StartAsync(new AgentSettings
        {
            Demo = true,
            EmbeddedBroker = true,
            Extra = new Dictionary<string, string> { ["Screen__ClearAfterSeconds"] = "6", ["Screen__RefusalClearAfterSeconds"] = "6" },
        });
        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Tap_ShowsMaskedMemberBalanceAndPoints_ThenClearsItself()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();

        await _agent.TapAsync("04A1B2C3D4E5F6");

        await Assertions.Expect(page.GetByTestId("screen-member")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("member-name")).ToHaveTextAsync("王*明");
        await Assertions.Expect(page.GetByTestId("member-balance")).ToContainTextAsync("12,880.50");
        await Assertions.Expect(page.GetByTestId("member-points")).ToContainTextAsync("36,520");
        await Assertions.Expect(page.GetByTestId("member-level")).ToContainTextAsync("金卡");
        Assert.DoesNotContain("王小明", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), "member-screen.png") });

        // Privacy: the member's data leaves the screen by itself.
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), "idle-screen.png") });
    }

    [Fact]
    public async Task Tap_InTheBirthdayWeek_GreetsAndShowsProgressAndExpiringPoints()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();

        // Demo member 李娜 (silver, 6,100 lifetime points) has her birthday this week and 300 points expiring in 12 days.
        await _agent.TapAsync("5A6B7C8D");

        await Assertions.Expect(page.GetByTestId("member-birthday")).ToContainTextAsync("生日快乐");
        await Assertions.Expect(page.GetByTestId("member-progress-text")).ToContainTextAsync("金卡 Gold");
        await Assertions.Expect(page.GetByTestId("member-progress-text")).ToContainTextAsync("23,900");
        await Assertions.Expect(page.GetByTestId("member-expiring")).ToContainTextAsync("300 积分将于");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), "member-birthday-screen.png") });
    }

    [Fact]
    public async Task DemoPanel_TapOfALostCard_ShowsTheRefusalReason()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("demo-panel")).ToBeVisibleAsync();

        await page.GetByTestId("demo-tap-DEADBEEF").ClickAsync();

        await Assertions.Expect(page.GetByTestId("screen-refusal")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("refusal-message")).ToContainTextAsync("挂失");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), "refusal-screen.png") });
    }

    [Fact]
    public async Task DemoPanel_IsAbsentOutsideDemoMode()
    {
        await using var production = await AgentProcess.StartAsync(new AgentSettings { EmbeddedBroker = true });
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(production.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();

        Assert.Equal(0, await page.GetByTestId("demo-panel").CountAsync());
    }
}
