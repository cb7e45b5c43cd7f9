using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Draws;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// A draw set up and run on the touchscreen alone: a real agent (demo members, two simulated
/// readers) and headless Chromium. Staff log in with the demo staff card and the PIN pad, three
/// members check in to an activity, then "draw" on the staff home opens the set-up screen (no draw
/// exists yet): the activity, two prize tiers with counts stepped on screen, create; the stage shows
/// the commitment, the audience's numbers are typed on the keypad and added, the draw lands on the
/// record's winners, and the draw is listed on the set-up screen to reopen. The set-up screen and the
/// keypad pass the layout check at every display in Chinese and English (artifacts/test-results/draws).
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class DrawSetupUiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Languages = ["zh-CN", "en"];
    private readonly List<string> _problems = [];
    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;

    public async Task InitializeAsync()
    {
        _agent = await AgentProcess.StartAsync(CheckInAgent.Settings(
            embeddedBroker: true,
            staffLogin: true,
            extra: new Dictionary<string, string> { ["Kiosk__Language"] = "zh-CN", ["Staff__SessionIdleSeconds"] = "1800" }));
        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task StaffSetUpADrawOnScreen_AddTheAudiencesNumbers_AndDraw()
    {
        var checkIn = new CheckInService.CheckInServiceClient(_agent.Channel);
        var draws = new DrawService.DrawServiceClient(_agent.Channel);
        var now = DateTimeOffset.UtcNow;
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();

        // Nobody logged in: the set-up screen is refused like every staff call.
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await draws.OpenDrawSetupAsync(new OpenDrawSetupRequest()));
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, refused.StatusCode);

        await CheckInAgent.LogInOnScreenAsync(_agent, page);

        // Three members check in to the gala.
        await checkIn.CreateActivityAsync(new CreateActivityRequest
        {
            Activity = new ActivityRecord { Id = "gala", Name = "会员年会 Members' gala", OpensAt = Timestamp.FromDateTimeOffset(now.AddHours(-1)), ClosesAt = Timestamp.FromDateTimeOffset(now.AddHours(2)) },
        });
        // Today's other activity has nobody checked in; last week's is not offered at all.
        await checkIn.CreateActivityAsync(new CreateActivityRequest
        {
            Activity = new ActivityRecord { Id = "quiet", Name = "茶歇 Tea break", OpensAt = Timestamp.FromDateTimeOffset(now.AddMinutes(-30)), ClosesAt = Timestamp.FromDateTimeOffset(now.AddHours(1)) },
        });
        await checkIn.CreateActivityAsync(new CreateActivityRequest
        {
            Activity = new ActivityRecord { Id = "last-week", Name = "上周 Last week", OpensAt = Timestamp.FromDateTimeOffset(now.AddDays(-7)), ClosesAt = Timestamp.FromDateTimeOffset(now.AddDays(-7).AddHours(2)) },
        });
        await checkIn.OpenActivityAsync(new OpenActivityRequest { ActivityId = "gala" });
        await Assertions.Expect(page.GetByTestId("screen-checkin-feed")).ToBeVisibleAsync();
        foreach (var card in new[] { CheckInAgent.Gold, CheckInAgent.Silver, CheckInAgent.Diamond })
        {
            await CheckInAgent.TapAsync(_agent, "r2", card);
        }

        await Assertions.Expect(page.GetByTestId("count-checked-in-value")).ToHaveTextAsync("3");
        await page.GetByTestId("checkin-close").ClickAsync();
        await page.GetByTestId("checkin-leave").ClickAsync();
        await new StaffService.StaffServiceClient(_agent.Channel).ShowStaffHomeAsync(new ShowStaffHomeRequest());
        await Assertions.Expect(page.GetByTestId("screen-staff-home")).ToBeVisibleAsync();

        // No draw exists: the draw entry opens the set-up screen.
        await page.GetByTestId("staff-feature-draw").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-draw-setup")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("drawsetup-pool-gala")).ToContainTextAsync("3");
        await Assertions.Expect(page.GetByTestId("drawsetup-pool-join")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("drawsetup-pool-quiet")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("drawsetup-pool-last-week")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("drawsetup-draws")).ToContainTextAsync("今日尚无抽奖");

        // A draw among nobody is refused: the screen says why and nothing is created.
        await page.GetByTestId("drawsetup-pool-quiet").ClickAsync();
        await page.GetByTestId("drawsetup-create").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drawsetup-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("screen-draw-setup")).ToBeVisibleAsync();
        Assert.Empty((await draws.OpenDrawSetupAsync(new OpenDrawSetupRequest())).Setup.Draws);
        await Assertions.Expect(page.GetByTestId("drawsetup-error")).ToHaveCountAsync(0);

        await page.GetByTestId("drawsetup-pool-gala").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drawsetup-pool-gala")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GetByTestId("drawsetup-add-tier").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drawsetup-tier-1")).ToHaveAttributeAsync("data-level", "2");
        await page.GetByTestId("drawsetup-tier-minus-0").ClickAsync();
        await page.GetByTestId("drawsetup-tier-minus-0").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drawsetup-tier-count-0")).ToHaveTextAsync("1");
        await page.GetByTestId("drawsetup-tier-plus-1").ClickAsync();
        await page.GetByTestId("drawsetup-tier-minus-1").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drawsetup-tier-count-1")).ToHaveTextAsync("1");
        await CheckAsync(page, "setup");
        // The language switches redrew the screen: the choices are kept.
        await Assertions.Expect(page.GetByTestId("drawsetup-tier-1")).ToHaveAttributeAsync("data-level", "2");

        await page.GetByTestId("drawsetup-create").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=screen-draw][data-state=frozen]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("draw-count")).ToContainTextAsync("3");
        await page.GetByTestId("draw-commit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("draw-commitment-hash")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("draw-keypad")).ToBeVisibleAsync();
        await CheckAsync(page, "keypad");

        foreach (var key in new[] { "1", "7", "space", "4", "2", "2", "back" })
        {
            await page.GetByTestId($"draw-key-{key}").ClickAsync();
        }

        await Assertions.Expect(page.GetByTestId("draw-contribution-entry")).ToHaveTextAsync("17 42");
        await page.GetByTestId("draw-contribute").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=screen-draw][data-state=contributed]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("draw-contribution")).ToHaveTextAsync("17 42");

        await page.GetByTestId("draw-draw").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=screen-draw][data-state=drawn]")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.winner-code.spinning').length === 0", null, new() { Timeout = 20_000 });
        var winners = await page.Locator(".winner-code").AllTextContentsAsync();

        // The stage's "draws" button leaves it for the set-up screen, which lists the draw.
        await page.GetByTestId("draw-setup").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-draw-setup")).ToBeVisibleAsync();
        var listed = page.Locator("[data-testid^=drawsetup-draw-]");
        await Assertions.Expect(listed).ToHaveCountAsync(1);
        var drawId = (await listed.GetAttributeAsync("data-testid"))!["drawsetup-draw-".Length..];
        Assert.StartsWith("d-", drawId, StringComparison.Ordinal);
        var json = (await draws.ExportRecordAsync(new ExportRecordRequest { DrawId = drawId })).RecordJson.ToByteArray();
        var record = DrawRecordReader.Read(CanonicalJson.Parse(json), out _);
        Assert.True(DrawVerifier.Verify(json).IsValid);
        Assert.Equal("17 42", record.Contribution);
        Assert.Equal(["三等奖", "二等奖"], record.Commitment.Rules.Tiers.Select(t => t.Name));
        Assert.Equal([1, 1], record.Commitment.Rules.Tiers.Select(t => t.Count));
        Assert.Equal(2, record.Winners.Count);
        Assert.Equal(record.Winners.Select(w => w.Id), winners);

        // Reopening shows its winners again.
        await page.GetByTestId($"drawsetup-reopen-{drawId}").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=screen-draw][data-state=drawn]")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.winner-code.spinning').length === 0", null, new() { Timeout = 20_000 });
        Assert.Equal(record.Winners.Select(w => w.Id), await page.Locator(".winner-code").AllTextContentsAsync());
        Assert.True(_problems.Count == 0, $"{_problems.Count} layout problems:\n{string.Join('\n', _problems)}");
    }

    /// <summary>The layout check at every display in Chinese and English (problems collected), photographed at each.</summary>
    private async Task CheckAsync(IPage page, string name)
    {
        var folder = TestPaths.Artifacts("draws");
        foreach (var language in Languages)
        {
            await LanguageCheck.SwitchToAsync(page, language);
            foreach (var viewport in KioskViewport.All)
            {
                await LayoutCheck.ResizeAsync(page, viewport);
                _problems.AddRange((await LayoutCheck.ProblemsAsync(page)).Select(p => $"{name} {language} @ {viewport}: {p}"));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"draw-{name}-{language}-{viewport}.png") });
            }
        }

        await LanguageCheck.SwitchToAsync(page, "zh-CN");
        output.WriteLine($"{name}: checked at {KioskViewport.All.Count} sizes in {Languages.Length} languages");
    }
}
