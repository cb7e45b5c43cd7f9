using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// The refusals the simulated reader cannot bring about (a card that could not be read or verified,
/// a card state the kiosk does not know, a journal that cannot record, a code newer than the page),
/// drawn by the real page from the agent's screen message and checked like every other screen: at
/// all six display sizes in zh-CN, en and bilingual, with the countdown bar showing.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class RareRefusalLayoutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Languages = ["zh-CN", "en", "bilingual"];

    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;

    public static TheoryData<string, string> Refusals => new()
    {
        { "card_read_timeout", "The card could not be read. Please tap again." },
        { "card_identity_mac_mismatch", "This card could not be verified. Please ask at the service desk." },
        { "card_state_unknown", "Card state unknown. Please ask at the service desk." },
        { "journal_unavailable", "This kiosk cannot record taps right now. Please ask at the service desk." },
        // A code newer than the page: the agent's own (bilingual) words are shown as they are.
        { "card_blocked_by_a_future_rule", "此卡暂不能使用，请到服务台咨询 · This card cannot be used here for now, please ask at the service desk" },
    };

    public async Task InitializeAsync()
    {
        _agent = await AgentProcess.StartAsync(new AgentSettings { Demo = true, EmbeddedBroker = true, Extra = new Dictionary<string, string> { ["Kiosk__Language"] = "bilingual" } });
        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task ARareRefusal_FitsEveryDisplayInEveryLanguage(string reasonCode, string english)
    {
        var page = await _chromium.NewKioskPageAsync();
        var refusal = new Contracts.V1.Screen
        {
            Sequence = 1,
            ShownAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            ClearAfterSeconds = 600,
            Refusal = new RefusalView { ReasonCode = reasonCode, Message = english.Contains(" · ", StringComparison.Ordinal) ? english : "", MaskedCard = "**** **** 5678", TransactionId = "t-1" },
        };
        await using var stream = await ScreenStreamServer.RouteAsync(page, refusal);
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.Locator($"[data-testid=screen-refusal][data-reason={reasonCode}]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("countdown")).ToBeVisibleAsync();

        var problems = new List<string>();
        foreach (var language in Languages)
        {
            await LanguageCheck.SwitchToAsync(page, language);
            foreach (var viewport in KioskViewport.All)
            {
                await LayoutCheck.ResizeAsync(page, viewport);
                problems.AddRange((await LayoutCheck.ProblemsAsync(page)).Select(p => $"{reasonCode} {language} @ {viewport}: {p}"));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("layout"), $"refusal-{reasonCode}-{language}-{viewport}.png") });
            }
        }

        await LanguageCheck.SwitchToAsync(page, "en");
        await Assertions.Expect(page.GetByTestId("refusal-message")).ToHaveTextAsync(english);
        if (!english.Contains(" · ", StringComparison.Ordinal))
        {
            // A known code is worded by the page: nothing of the other language on the screen.
            Assert.Empty(await LanguageCheck.ForeignTextsAsync(page, "en", [_agent.Settings.KioskId]));
            await LanguageCheck.SwitchToAsync(page, "zh-CN");
            Assert.Empty(await LanguageCheck.ForeignTextsAsync(page, "zh-CN", [_agent.Settings.KioskId]));
        }

        output.WriteLine($"{reasonCode}: checked in {Languages.Length} languages at {KioskViewport.All.Count} sizes");
        Assert.True(problems.Count == 0, $"{problems.Count} layout problems:\n{string.Join('\n', problems)}");
    }
}
