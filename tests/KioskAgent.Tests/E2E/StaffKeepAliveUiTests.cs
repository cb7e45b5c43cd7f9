using KioskAgent.Tests.Testing;
using Microsoft.Playwright;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// Staff mode ends after Staff:SessionIdleSeconds without activity, but not under the fingers of a
/// staff member working on a screen that asks the agent nothing for a while: on the draw set-up
/// screen, stepping tiers for longer than the idle time keeps the session (the page passes touches
/// on with StaffService.KeepSessionAlive); once the touches stop, the session ends and idle shows.
/// Real agent and headless Chromium; it takes the shortest idle time the agent accepts (15 s), so
/// it runs about 40 s: the timeout is wall-clock time in the agent.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class StaffKeepAliveUiTests : IAsyncLifetime
{
    private const int IdleSeconds = 15;
    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;

    public async Task InitializeAsync()
    {
        _agent = await AgentProcess.StartAsync(CheckInAgent.Settings(
            embeddedBroker: true,
            staffLogin: true,
            extra: new Dictionary<string, string> { ["Kiosk__Language"] = "en", ["Staff__SessionIdleSeconds"] = $"{IdleSeconds}" }));
        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task TouchesOnTheDrawSetUpScreen_KeepTheSessionPastItsIdleTime_AndItEndsOnceTheyStop()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();
        await CheckInAgent.LogInOnScreenAsync(_agent, page);
        await page.GetByTestId("staff-feature-draw").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-draw-setup")).ToBeVisibleAsync();

        // Stepping the first tier for 1.4 idle times, a touch every 3 s: nothing here calls the agent.
        var started = DateTime.UtcNow;
        var touches = 0;
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(IdleSeconds * 1.4))
        {
            await page.GetByTestId(touches % 2 == 0 ? "drawsetup-tier-plus-0" : "drawsetup-tier-minus-0").ClickAsync();
            touches++;
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        await Assertions.Expect(page.GetByTestId("screen-draw-setup")).ToBeVisibleAsync(new() { Timeout = 1_000 });
        Assert.True(touches >= 7, $"{touches} touches");

        // Hands off: the session ends after its idle time, and the member's idle screen is back.
        var handsOff = DateTime.UtcNow;
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync(new() { Timeout = (IdleSeconds + 10) * 1000 });
        Assert.True(DateTime.UtcNow - handsOff > TimeSpan.FromSeconds(IdleSeconds - 10), "the session went on after the last touch (at least two thirds of its idle time: touches are passed on three times per idle time)");
    }
}
