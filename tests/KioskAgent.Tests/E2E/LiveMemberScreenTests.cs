using KioskAgent.Central;
using KioskAgent.Central.Members;
using KioskAgent.Tests.Testing;
using Microsoft.Playwright;

namespace KioskAgent.Tests.E2E;

/// <summary>The member screen in Chromium, online (live figures from central) and offline ("as of" the last sync).</summary>
[Trait("Category", TestCategories.E2E)]
public sealed class LiveMemberScreenTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;
    private ReferenceCentral _central = null!;
    private CentralMembers _members = null!;
    private AgentProcess _agent = null!;
    private ChromiumBrowser _chromium = null!;
    private MqttProbe _health = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _members = new CentralMembers(MemberDatasetGenerator.Generate(50), new CentralMembersOptions { AnswerDelay = TimeSpan.FromMilliseconds(300) });
        _central = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Parts = { _members } });
        var settings = new AgentSettings
        {
            BrokerPort = _broker.Port,
            Extra = new Dictionary<string, string>
            {
                ["Central__TelemetrySeconds"] = "1",
                ["Central__LiveQueryMilliseconds"] = "3000",
                ["Screen__ClearAfterSeconds"] = "30",
                // Both languages on screen: the "as of" line is checked in each.
                ["Kiosk__Language"] = "bilingual",
            },
        };
        _health = await MqttProbe.ConnectAsync(_broker.Port, HealthReports.Topic(settings));
        _agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => HealthReports.Latest(_health)?.MemberSync.Version == 1, "the first snapshot");
        _chromium = await ChromiumBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _agent.DisposeAsync();
        await _health.DisposeAsync();
        await _central.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Online_TheScreenUpdatesToCentralsLivePoints()
    {
        var number = MemberDatasetGenerator.MemberNumber(3);
        _members.ChangePointsQuietly(number, 77_777);
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();

        await _agent.TapAsync(MemberDatasetGenerator.CardUid(3));

        await Assertions.Expect(page.GetByTestId("screen-member")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("member-freshness")).ToHaveAttributeAsync("data-freshness", "live");
        await Assertions.Expect(page.GetByTestId("member-points")).ToHaveTextAsync("77,777");
        await Assertions.Expect(page.GetByTestId("member-freshness")).ToContainTextAsync("实时");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), "member-live.png") });
    }

    [Fact]
    public async Task Offline_TheScreenShowsCachedPointsAsOfTheLastSync()
    {
        var page = await _chromium.NewKioskPageAsync();
        await page.GotoAsync(_agent.UiUrl);
        await Assertions.Expect(page.GetByTestId("screen-idle")).ToBeVisibleAsync();
        await _broker.StopAsync();
        await Eventually.TrueAsync(() => _agent.Output.Contains("Disconnected from central broker", StringComparison.Ordinal), "the agent to notice");

        await _agent.TapAsync(MemberDatasetGenerator.CardUid(5));

        await Assertions.Expect(page.GetByTestId("screen-member")).ToBeVisibleAsync();
        var points = _members.Dataset.Find(MemberDatasetGenerator.MemberNumber(5))!.Points;
        await Assertions.Expect(page.GetByTestId("member-points")).ToHaveTextAsync(points.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("member-freshness")).ToHaveAttributeAsync("data-freshness", "cached");
        await Assertions.Expect(page.GetByTestId("member-freshness")).ToContainTextAsync("截至");
        await Assertions.Expect(page.GetByTestId("member-freshness")).ToContainTextAsync("As of");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestPaths.Artifacts("e2e"), "member-offline-as-of.png") });
    }
}
