using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using Microsoft.Playwright;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// The screen's language: zh-CN by default, switched by touch, set by Kiosk:Language. Every visible
/// text follows it, the agent's refusal reasons and notices included; no screen mixes the two.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class LanguageTests : IAsyncLifetime
{
    /// <summary>Level names the demo site wrote in both languages; they appear inside sentences as written.</summary>
    private static readonly string[] BilingualData = ["普通 Standard", "银卡 Silver", "金卡 Gold", "钻石 Diamond"];

    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var extra = new Dictionary<string, string>(TestTechnician.Settings)
        {
            ["Screen__ClearAfterSeconds"] = "600",
            ["Screen__RefusalClearAfterSeconds"] = "600",
            ["Redemption__ClearAfterSeconds"] = "600",
        };
        _agent = await AgentProcess.StartAsync(new AgentSettings { KioskId = "K-01", Demo = true, EmbeddedBroker = true, Extra = extra });
        await LayoutMembers.ImportAsync(_agent.Channel, LayoutMembers.Members(DateOnly.FromDateTime(DateTime.UtcNow)));
        _chromium = await ChromiumBrowser.LaunchAsync();
        _page = await _chromium.NewKioskPageAsync();
        await _page.SetViewportSizeAsync(1024, 600);
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task TheSwitch_ChangesEveryVisibleText_AndTheAgentsReasonsFollow()
    {
        await _page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(_page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "online");
        await Assertions.Expect(_page.GetByTestId("language-switch")).ToHaveAttributeAsync("data-lang", "zh-CN");
        await SpeaksOnlyAsync("idle");

        await _agent.TapAsync(LayoutMembers.LongCard);
        await Assertions.Expect(_page.GetByTestId("member-expiring")).ToBeVisibleAsync();
        await SpeaksOnlyAsync("member");

        await _agent.TapAsync("DEADBEEF");
        await Assertions.Expect(_page.GetByTestId("refusal-message")).ToHaveTextAsync("此卡已挂失");
        await LanguageCheck.SwitchToAsync(_page, "en");
        await Assertions.Expect(_page.GetByTestId("refusal-message")).ToHaveTextAsync("This card has been reported lost.");
        await SpeaksOnlyAsync("refusal-lost");

        // A new refusal arrives while English is on: the agent's code comes out in English.
        await LanguageCheck.SwitchToAsync(_page, "en");
        await _agent.TapAsync(LayoutMembers.FrozenCard);
        await Assertions.Expect(_page.GetByTestId("refusal-message")).ToHaveTextAsync("This card is frozen. Please ask at the service desk.");
        await LanguageCheck.SwitchToAsync(_page, "zh-CN");
        await Assertions.Expect(_page.GetByTestId("refusal-message")).ToHaveTextAsync("此卡已冻结，请到服务台咨询");

        await _agent.TapAsync(LayoutMembers.LongCard);
        await _page.GetByTestId("member-redeem").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("gift-reason-voucher-50")).ToHaveTextAsync("此礼品已兑完");
        await SpeaksOnlyAsync("gifts");
        await LanguageCheck.SwitchToAsync(_page, "en");
        await Assertions.Expect(_page.GetByTestId("gift-reason-voucher-50")).ToHaveTextAsync("This gift is out of stock.");
        await LanguageCheck.SwitchToAsync(_page, "zh-CN");

        await _page.GetByTestId("gift-mug").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("screen-redeem-confirm")).ToBeVisibleAsync();
        await SpeaksOnlyAsync("confirm");

        await _page.GetByTestId("confirm-redeem").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("done-print-status")).Not.ToHaveAttributeAsync("data-state", "printing", new() { Timeout = 20_000 });
        await SpeaksOnlyAsync("done");
        await LanguageCheck.SwitchToAsync(_page, "en");
        await Assertions.Expect(_page.GetByTestId("done-print-status")).ToContainTextAsync("please show voucher code");

        // The member's session ends: the next member starts in the kiosk's own language.
        await _page.GetByTestId("done-finish").ClickAsync();
        await Assertions.Expect(_page.GetByTestId("screen-idle")).ToBeVisibleAsync();
        await Assertions.Expect(_page.GetByTestId("language-switch")).ToHaveAttributeAsync("data-lang", "zh-CN");
    }

    [Fact]
    public async Task KioskLanguage_En_ShowsEnglishFromTheStart()
    {
        await using var english = await AgentProcess.StartAsync(new AgentSettings
        {
            KioskId = "K-02",
            Demo = true,
            EmbeddedBroker = true,
            Extra = new Dictionary<string, string> { ["Kiosk__Language"] = "en", ["Screen__RefusalClearAfterSeconds"] = "600" },
        });
        await _page.GotoAsync(english.UiUrl);
        await Assertions.Expect(_page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "online");
        await Assertions.Expect(_page.GetByTestId("language-switch")).ToHaveAttributeAsync("data-lang", "en");
        await Assertions.Expect(_page.GetByTestId("screen-idle")).ToContainTextAsync("Please tap your card");
        Assert.Empty(await LanguageCheck.ForeignTextsAsync(_page, "en", BilingualData));

        await english.TapAsync("0102030405");
        await Assertions.Expect(_page.GetByTestId("refusal-message")).ToHaveTextAsync("This card is not registered. Please ask at the service desk.");
        Assert.Empty(await LanguageCheck.ForeignTextsAsync(_page, "en", BilingualData));
    }

    [Fact]
    public async Task KioskLanguage_Unknown_StopsTheAgentAtStart()
    {
        var agent = AgentProcess.Launch(new AgentSettings { EmbeddedBroker = true, Extra = new Dictionary<string, string> { ["Kiosk__Language"] = "fr" } });
        await using (agent)
        {
            Assert.Equal(78, await agent.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("Kiosk:Language must be zh-CN, en or bilingual", agent.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>The screen in zh-CN has no English, and after the switch to en no Chinese; it is left in zh-CN.</summary>
    private async Task SpeaksOnlyAsync(string screen)
    {
        await LanguageCheck.SwitchToAsync(_page, "zh-CN");
        await LayoutCheck.SettleAsync(_page);
        var zh = await LanguageCheck.ForeignTextsAsync(_page, "zh-CN", BilingualData);
        await LanguageCheck.SwitchToAsync(_page, "en");
        await LayoutCheck.SettleAsync(_page);
        var en = await LanguageCheck.ForeignTextsAsync(_page, "en", BilingualData);
        await LanguageCheck.SwitchToAsync(_page, "zh-CN");
        Assert.True(zh.Count == 0 && en.Count == 0, $"{screen}: English in zh-CN: [{string.Join(" | ", zh)}]; Chinese in en: [{string.Join(" | ", en)}]");
    }
}
