using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Rewards;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using Microsoft.Playwright;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// The staff voucher desk (核销) on the touchscreen: a real agent in demo mode (its reference central
/// answering voucher queries), a staff session from the demo-only test setting, headless Chromium.
/// Staff type a voucher's code on the keypad, mark it used behind the confirmation, and the same
/// code again is refused with when, where and by whom. Every desk state passes the layout check at
/// all six display sizes in zh-CN, en and bilingual.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class VoucherDeskUiTests : IAsyncLifetime
{
    private const string GoldCard = "04A1B2C3D4E5F6";
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
                ["Demo__ReferenceCentral"] = "true",
                ["Kiosk__Language"] = "bilingual",
                ["Staff__TestSession__StaffId"] = "s-001",
                ["Staff__TestSession__DisplayName"] = "Wang Fang",
                ["Redemption__ClearAfterSeconds"] = "60",
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
    public async Task StaffTypeACode_MarkItUsed_AndTheSameCodeAgain_IsRefusedWithWhenWhereAndWho()
    {
        var code = await RedeemAsync();
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-redeem-done")).ToBeVisibleAsync();
        var desk = new KioskAgent.Contracts.V1.VoucherService.VoucherServiceClient(_agent.Channel);
        await desk.OpenVoucherDeskAsync(new OpenVoucherDeskRequest());
        await Assertions.Expect(page.GetByTestId("voucher-keypad")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("voucher-staff")).ToContainTextAsync("Wang Fang");
        await Shots(page, "voucher-keypad");

        await TypeAsync(page, code);
        await Assertions.Expect(page.GetByTestId("voucher-code-entry")).ToHaveTextAsync(code);
        await page.GetByTestId("voucher-lookup").ClickAsync();
        await Assertions.Expect(page.GetByTestId("voucher-card")).ToHaveAttributeAsync("data-state", "valid");
        await Assertions.Expect(page.GetByTestId("voucher-code")).ToHaveTextAsync(code);
        await Assertions.Expect(page.GetByTestId("voucher-gift")).ToHaveTextAsync("马克杯 Mug");
        Assert.DoesNotContain("王小明", await page.ContentAsync(), StringComparison.Ordinal);
        await Shots(page, "voucher-valid");

        await page.GetByTestId("voucher-mark-used").ClickAsync();
        await Assertions.Expect(page.GetByTestId("voucher-confirm")).ToBeVisibleAsync();
        await Shots(page, "voucher-confirm");
        await page.GetByTestId("voucher-confirm-yes").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-voucher-desk")).ToHaveAttributeAsync("data-state", "used-now");
        await Shots(page, "voucher-used-now");

        await page.GetByTestId("voucher-another").ClickAsync();
        await Assertions.Expect(page.GetByTestId("voucher-keypad")).ToBeVisibleAsync();
        await TypeAsync(page, code);
        await page.GetByTestId("voucher-lookup").ClickAsync();
        await Assertions.Expect(page.GetByTestId("voucher-card")).ToHaveAttributeAsync("data-reason", "voucher_used");
        await Assertions.Expect(page.GetByTestId("voucher-mark-used")).ToHaveCountAsync(0);
        await LanguageCheck.SwitchToAsync(page, "en");
        await Assertions.Expect(page.GetByTestId("voucher-status")).ToContainTextAsync($"at {_agent.Settings.KioskId} by Wang Fang");
        await Shots(page, "voucher-refused");

        await page.GetByTestId("voucher-close").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task EveryDeskState_FitsEveryDisplayInEveryLanguage()
    {
        var used = Card(VoucherState.Used, "voucher_used");
        used.UsedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-42));
        used.UsedKioskId = "kiosk-lobby-east-02";
        used.UsedBy = "Wang Fang";
        var states = new (string Name, VoucherDeskView View)[]
        {
            ("entry", new VoucherDeskView { StaffName = "Wang Fang" }),
            ("invalid", new VoucherDeskView { StaffName = "Wang Fang", NoticeCode = "voucher_code_invalid" }),
            ("valid", new VoucherDeskView { StaffName = "Wang Fang", Voucher = Card(VoucherState.Valid, "") }),
            ("used-now", new VoucherDeskView { StaffName = "Wang Fang", Voucher = Card(VoucherState.Used, "", usedNow: true) }),
            ("used", new VoucherDeskView { StaffName = "Wang Fang", Voucher = used }),
            ("offline", new VoucherDeskView { StaffName = "Wang Fang", Voucher = Card(VoucherState.Uncheckable, "central_offline") }),
            ("expired", new VoucherDeskView { StaffName = "Wang Fang", Voucher = Card(VoucherState.Expired, "voucher_expired") }),
        };

        var problems = new List<string>();
        foreach (var (name, view) in states)
        {
            var page = await _chromium.NewKioskPageAsync();
            var screen = new Contracts.V1.Screen { Sequence = 1, ShownAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), ClearAfterSeconds = 600, VoucherDesk = view };
            await using var stream = await ScreenStreamServer.RouteAsync(page, screen);
            await page.GotoAsync(_agent.UiUrl);
            await Assertions.Expect(page.GetByTestId("screen-voucher-desk")).ToBeVisibleAsync();
            foreach (var language in Languages)
            {
                await LanguageCheck.SwitchToAsync(page, language);
                foreach (var viewport in KioskViewport.All)
                {
                    await LayoutCheck.ResizeAsync(page, viewport);
                    problems.AddRange((await LayoutCheck.ProblemsAsync(page)).Select(p => $"{name} {language} @ {viewport}: {p}"));
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("layout"), $"voucher-desk-{name}-{language}-{viewport}.png") });
                }
            }

            await page.CloseAsync();
        }

        Assert.True(problems.Count == 0, $"{problems.Count} layout problems:\n{string.Join('\n', problems)}");
    }

    private static VoucherCard Card(VoucherState state, string reason, bool usedNow = false) => new()
    {
        Code = "K7QX-4MRD",
        State = state,
        GiftName = "不锈钢保温杯（大号，带提手）Stainless vacuum flask, large",
        MaskedMember = "欧**娜",
        IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-2)),
        IssuedKioskId = "kiosk-lobby-west-01",
        ValidUntil = "2027-01-05",
        ReasonCode = reason,
        UsedNow = usedNow,
        CheckedWithCentral = state != VoucherState.Uncheckable,
    };

    private async Task<string> RedeemAsync()
    {
        var member = await MemberTaps.TapAsync(_agent, GoldCard);
        var redemption = new GiftRedemption.GiftRedemptionClient(_agent.Channel);
        await redemption.ChooseGiftAsync(new ChooseGiftRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        var reply = await redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        Assert.Equal("", reply.ReasonCode);
        using var holds = new RedemptionHoldStore(Path.Combine(_agent.Settings.DataDirectory, Journal.TransactionJournal.FileName));
        return holds.FindByTransaction(reply.TransactionId)!.VoucherCode;
    }

    private static async Task TypeAsync(IPage page, string code)
    {
        foreach (var symbol in code.Where(c => c != '-'))
        {
            await page.GetByTestId($"voucher-key-{symbol}").ClickAsync();
        }
    }

    /// <summary>The screen at the smallest and the largest landscape display, once the entry animation has finished.</summary>
    private static async Task Shots(IPage page, string name)
    {
        foreach (var viewport in new[] { KioskViewport.All[0], KioskViewport.All[3] })
        {
            await LayoutCheck.ResizeAsync(page, viewport);
            await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.animationName !== 'enter' || a.playState === 'finished')");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), $"{name}-{viewport}.png") });
            Assert.Empty(await LayoutCheck.ProblemsAsync(page));
        }
    }
}
