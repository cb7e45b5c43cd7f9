using KioskAgent.Tests.Testing;
using Microsoft.Playwright;

namespace KioskAgent.Tests.E2E;

/// <summary>A member's digital card QR shown to the kiosk camera (file-fed, real libzbar), seen on the kiosk screen in Chromium.</summary>
[Trait("Category", TestCategories.E2E)]
public sealed class CameraQrUiTests : IAsyncLifetime
{
    private readonly CameraFrames _camera = new();
    private ChromiumBrowser _chromium = null!;
    private AgentProcess _agent = null!;

    public async Task InitializeAsync()
    {
        _agent = await AgentProcess.StartAsync(new AgentSettings { Demo = true, EmbeddedBroker = true, Extra = _camera.AgentSettings() });
        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task MemberQr_ShowsThatMemberOnTheKioskScreen()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();

        // Demo member 李娜's digital card (DemoMembers): no card touches a reader.
        _camera.Show("KM1:demo-member-80001002");

        await Assertions.Expect(page.GetByTestId("screen-member")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("member-name")).ToHaveTextAsync("李*");
        await Assertions.Expect(page.GetByTestId("member-level")).ToContainTextAsync("银卡");
        Assert.DoesNotContain("李娜", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), "member-screen-from-qr.png") });
    }

    [Fact]
    public async Task UnknownMemberQr_ShowsTheRefusalReason()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();

        _camera.Show("KM1:AAAAAAAAAAAAAAAAAAAAAAAA");

        await Assertions.Expect(page.GetByTestId("screen-refusal")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("refusal-message")).ToContainTextAsync("刷新");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), "refusal-screen-from-qr.png") });
    }
}
