using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using Microsoft.Playwright;

namespace KioskAgent.Tests.E2E;

/// <summary>Staff login on the touchscreen: a real demo agent (demo staff card, PIN 2468) in headless Chromium.</summary>
[Trait("Category", TestCategories.E2E)]
public sealed class StaffLoginUiTests : IAsyncLifetime
{
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
                // Six logins with one wrong PIN each must not lock the demo card.
                ["Staff__MaxPinTries"] = "20",
                ["Staff__LoginTimeoutSeconds"] = "120",
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
    public async Task StaffCard_WrongPinShowsTheError_RightPinOpensStaffHome_AtEveryDisplayAndLanguage()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();
        var viewports = KioskViewport.All.Where(v => v.Name is "800x480" or "1920x1080" or "720x1280").ToList();
        Assert.Equal(3, viewports.Count);

        foreach (var viewport in viewports)
        {
            foreach (var lang in new[] { "zh-CN", "en" })
            {
                await LayoutCheck.ResizeAsync(page, viewport);
                await page.GetByTestId("demo-tap-5AFF0001").ClickAsync();
                await Assertions.Expect(page.GetByTestId("screen-staff-login")).ToBeVisibleAsync();
                if (lang == "en")
                {
                    await LanguageCheck.SwitchToAsync(page, "en");
                }

                await TypePinAsync(page, "1111");
                await Assertions.Expect(page.GetByTestId("staff-login-error")).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByTestId("screen-staff-login")).ToHaveAttributeAsync("data-error", "pin_wrong");
                await CheckAsync(page, $"staff-login-error-{viewport.Name}-{lang}.png");

                await TypePinAsync(page, "2468");
                await Assertions.Expect(page.GetByTestId("screen-staff-home")).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByTestId("staff-feature-check_in")).ToBeVisibleAsync();
                await CheckAsync(page, $"staff-home-{viewport.Name}-{lang}.png");

                await page.GetByTestId("staff-logout").ClickAsync();
                await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();
            }
        }
    }

    private static async Task TypePinAsync(IPage page, string pin)
    {
        foreach (var digit in pin)
        {
            await page.GetByTestId($"staff-pin-key-{digit}").ClickAsync();
        }

        await Assertions.Expect(page.GetByTestId("staff-pin-dots")).ToHaveAttributeAsync("data-count", pin.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("staff-pin-key-enter").ClickAsync();
    }

    private static async Task CheckAsync(IPage page, string name)
    {
        await LayoutCheck.SettleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), name) });
        Assert.Empty(await LayoutCheck.ProblemsAsync(page));
    }
}
