using KioskAgent.Tests.Hardware.Printer;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Serial;
using Microsoft.Playwright;

namespace KioskAgent.Tests.E2E;

/// <summary>Points redemption on the touchscreen: a real agent with demo data and a pty printer, headless Chromium.</summary>
[Trait("Category", TestCategories.E2E)]
public sealed class RedemptionUiTests : IAsyncLifetime
{
    private SocatPtyPair _pty = null!;
    private FakeEscPosDevice _printer = null!;
    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;

    public async Task InitializeAsync()
    {
        _pty = await SocatPtyPair.StartAsync();
        _printer = FakeEscPosDevice.OnPty(_pty.PathB);
        _agent = await AgentProcess.StartAsync(new AgentSettings
        {
            Demo = true,
            EmbeddedBroker = true,
            Extra = new Dictionary<string, string>
            {
                ["Devices__Discovery__PeriodMs"] = "300",
                ["Devices__Discovery__ScanDevicePaths"] = "false",
                ["Devices__Discovery__Pinned__0__Id"] = "receipt-printer",
                ["Devices__Discovery__Pinned__0__Bus"] = "serial",
                ["Devices__Discovery__Pinned__0__Address"] = _pty.PathA,
                ["Devices__Discovery__Pinned__0__Driver"] = "escpos",
                ["Printing__StatusPollMs"] = "200",
                ["Screen__ClearAfterSeconds"] = "60",
                ["Redemption__ClearAfterSeconds"] = "60",
                ["Redemption__StoreName"] = "演示门店 Demo Store",
            },
        });
        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
        _printer.Dispose();
        await _pty.DisposeAsync();
    }

    [Fact]
    public async Task TapChooseConfirm_ShowsTheDoneScreenWithTheVoucherPrinted()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();

        await page.GetByTestId("demo-tap-04A1B2C3D4E5F6").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-member")).ToBeVisibleAsync();
        await Screenshot(page, "redeem-member.png");
        await page.GetByTestId("member-redeem").ClickAsync();

        await Assertions.Expect(page.GetByTestId("screen-gifts")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("gifts-available-points")).ToHaveTextAsync("36,520");
        await Assertions.Expect(page.GetByTestId("gift-mug")).ToHaveAttributeAsync("data-eligible", "true");
        await Assertions.Expect(page.GetByTestId("gift-voucher-50")).ToHaveAttributeAsync("data-eligible", "false");
        await Assertions.Expect(page.GetByTestId("gift-reason-voucher-50")).ToContainTextAsync("兑完");
        await Screenshot(page, "redeem-gifts.png");

        await page.GetByTestId("gift-mug").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-redeem-confirm")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("confirm-points-before")).ToHaveTextAsync("36,520");
        await Assertions.Expect(page.GetByTestId("confirm-points-after")).ToHaveTextAsync("35,720");
        await Screenshot(page, "redeem-confirm.png");

        await page.GetByTestId("confirm-redeem").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-redeem-done")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("done-gift-name")).ToHaveTextAsync("马克杯 Mug");
        await Assertions.Expect(page.GetByTestId("done-voucher-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[2-9A-Z]{4}-[2-9A-Z]{4}$"));
        await Assertions.Expect(page.GetByTestId("done-points-left")).ToHaveTextAsync("35,720");
        await Assertions.Expect(page.GetByTestId("done-print-status")).ToHaveAttributeAsync("data-state", "printed", new() { Timeout = 20_000 });
        Assert.DoesNotContain("王小明", await page.ContentAsync(), StringComparison.Ordinal);
        await Screenshot(page, "redeem-done.png");

        await page.GetByTestId("done-finish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AMemberWithFewPoints_SeesEveryGiftGreyedWithTheReason()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);

        await page.GetByTestId("demo-tap-5A6B7C8D").ClickAsync(); // 李娜, 820 points
        await page.GetByTestId("member-redeem").ClickAsync();

        await Assertions.Expect(page.GetByTestId("gift-umbrella")).ToHaveAttributeAsync("data-reason", "points_insufficient");
        await Assertions.Expect(page.GetByTestId("gift-reason-umbrella")).ToContainTextAsync("积分不足");
        await page.GetByTestId("gift-umbrella").ClickAsync(new() { Force = true }); // it says it is disabled
        await Assertions.Expect(page.GetByTestId("screen-gifts")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("screen-redeem-confirm").CountAsync());
    }

    /// <summary>Once the screen's entry animation has finished, so the picture shows what a person sees.</summary>
    private static async Task Screenshot(IPage page, string name)
    {
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.animationName !== 'enter' || a.playState === 'finished')");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), name) });
    }
}
