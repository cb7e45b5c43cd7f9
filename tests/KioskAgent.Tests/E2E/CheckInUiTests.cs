using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Layout;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KioskAgent.Tests.E2E;

/// <summary>
/// Event check-in on the touchscreen: a real agent (demo members, two simulated readers) and headless
/// Chromium. A supervisor logs in as at a real kiosk (the demo staff card at a member reader, then the
/// PIN on the page's pad), makes the activity (CheckInService), opens check-in from the staff home and
/// the activity from the picker; 50 taps on two readers must show up in the feed and its counters.
/// </summary>
[Trait("Category", TestCategories.E2E)]
public sealed class CheckInUiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Languages = ["zh-CN", "en", "bilingual"];
    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;

    public async Task InitializeAsync()
    {
        _agent = await AgentProcess.StartAsync(CheckInAgent.Settings(
            embeddedBroker: true,
            staffLogin: true,
            extra: new Dictionary<string, string> { ["Kiosk__Language"] = "bilingual", ["Staff__SessionIdleSeconds"] = "1800" }));
        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task FiftyTapsOnTwoReaders_ShowInTheFeed_WithTheRightCounters()
    {
        var checkIn = new CheckInService.CheckInServiceClient(_agent.Channel);
        var now = DateTimeOffset.UtcNow;
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();

        // Before anyone logs in, staff calls are refused: a member at the screen has no way in.
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await checkIn.StartCheckInAsync(new StartCheckInRequest()));
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, refused.StatusCode);

        // The supervisor's staff card at a member reader opens the PIN pad; the PIN opens staff home.
        await CheckInAgent.LogInOnScreenAsync(_agent, page);
        await checkIn.CreateActivityAsync(new CreateActivityRequest
        {
            Activity = new ActivityRecord { Id = "gala", Name = "会员年会 Members' gala", OpensAt = Timestamp.FromDateTimeOffset(now.AddHours(-1)), ClosesAt = Timestamp.FromDateTimeOffset(now.AddHours(2)), Points = 50 },
        });
        await page.GetByTestId("staff-feature-check_in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-checkin-picker")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("ready-activity_data")).ToHaveAttributeAsync("data-state", "ok");
        // Demo members were seeded at the kiosk, never synced from central: run, but look at it.
        await Assertions.Expect(page.GetByTestId("ready-member_data")).ToHaveAttributeAsync("data-state", "warn");
        await LayoutsAsync(page, "checkin-picker");

        await page.GetByTestId("checkin-open-gala").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-checkin-feed")).ToBeVisibleAsync();

        // Ten rounds of five cards, alternating readers: 3 members accepted once, then duplicates; a lost card; an unknown card.
        string[] cards = [CheckInAgent.Gold, CheckInAgent.Silver, CheckInAgent.Diamond, CheckInAgent.Lost, CheckInAgent.Unknown];
        for (var i = 0; i < 50; i++)
        {
            await CheckInAgent.TapAsync(_agent, i % 2 == 0 ? "r1" : "r2", cards[i % cards.Length]);
        }

        var journal = new JournalFile(_agent.Settings.DataDirectory);
        await Eventually.TrueAsync(() => journal.Kinds().Count(k => k == "check_in") == 50, "50 check-in taps journaled");
        await Assertions.Expect(page.GetByTestId("count-checked-in-value")).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("count-refused-value")).ToHaveTextAsync("47");
        await Assertions.Expect(page.GetByTestId("refused-already_checked_in")).ToHaveTextAsync("27");
        await Assertions.Expect(page.GetByTestId("refused-card_refused")).ToHaveTextAsync("10");
        await Assertions.Expect(page.GetByTestId("refused-unknown_card")).ToHaveTextAsync("10");
        await Assertions.Expect(page.GetByTestId("count-conflicts-value")).ToHaveTextAsync("0");
        // The last two taps (the lost card on r1, the unknown one on r2) are read by two readers at once:
        // either may be decided last.
        await Assertions.Expect(page.GetByTestId("checkin-last")).ToHaveAttributeAsync("data-outcome", new System.Text.RegularExpressions.Regex("^(unknown_card|card_refused)$"));
        Assert.DoesNotContain("王小明", await page.ContentAsync(), StringComparison.Ordinal);

        // One more accepted tap, so the screenshots show the large outcome with the attendee's code.
        await checkIn.CreateActivityAsync(new CreateActivityRequest
        {
            Activity = new ActivityRecord { Id = "dinner", Name = "晚宴 Dinner", OpensAt = Timestamp.FromDateTimeOffset(now.AddHours(-1)), ClosesAt = Timestamp.FromDateTimeOffset(now.AddHours(2)) },
        });
        await checkIn.OpenActivityAsync(new OpenActivityRequest { ActivityId = "dinner" });
        await CheckInAgent.TapAsync(_agent, "r2", CheckInAgent.Gold);
        await Assertions.Expect(page.GetByTestId("checkin-last")).ToHaveAttributeAsync("data-outcome", "accepted");
        await Assertions.Expect(page.GetByTestId("checkin-code")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("[2-9A-HJKMNP-Z]{6}"));
        await LayoutsAsync(page, "checkin-feed");
        await page.GetByTestId("checkin-close").ClickAsync();
        await Assertions.Expect(page.GetByTestId("screen-checkin-picker")).ToBeVisibleAsync();
    }

    /// <summary>The layout check at every display in every language; screenshots of the bilingual screen at 800×480 and 1920×1080.</summary>
    private async Task LayoutsAsync(IPage page, string name)
    {
        var problems = new List<string>();
        foreach (var language in Languages)
        {
            await LanguageCheck.SwitchToAsync(page, language);
            foreach (var viewport in KioskViewport.All)
            {
                await LayoutCheck.ResizeAsync(page, viewport);
                problems.AddRange((await LayoutCheck.ProblemsAsync(page)).Select(p => $"{name} {language} @ {viewport}: {p}"));
                if (language == "bilingual" && viewport.Name is "800x480" or "1920x1080")
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), $"{name}-{viewport}.png") });
                }
            }
        }

        await LanguageCheck.SwitchToAsync(page, "zh-CN");
        output.WriteLine($"{name}: {problems.Count} layout problems");
        Assert.True(problems.Count == 0, $"{problems.Count} layout problems:\n{string.Join('\n', problems)}");
    }
}
