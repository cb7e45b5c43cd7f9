using KioskAgent.Central;
using KioskAgent.Central.Members;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>After a tap the cached figures show at once; central's live answer, when it comes in time, replaces them.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class LiveMemberAnswerTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;
    private ReferenceCentral _central = null!;
    private CentralMembers _members = null!;
    private AgentProcess _agent = null!;
    private ScreenRecorder _screen = null!;
    private MqttProbe _health = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _members = new CentralMembers(MemberDatasetGenerator.Generate(50));
        _central = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Parts = { _members } });
        var settings = new AgentSettings
        {
            BrokerPort = _broker.Port,
            Extra = new Dictionary<string, string> { ["Central__TelemetrySeconds"] = "1", ["Central__LiveQueryMilliseconds"] = "3000" },
        };
        _health = await MqttProbe.ConnectAsync(_broker.Port, HealthReports.Topic(settings));
        _agent = await AgentProcess.StartAsync(settings);
        _screen = await ScreenRecorder.StartAsync(_agent);
        await Eventually.TrueAsync(() => HealthReports.Latest(_health)?.MemberSync.Version == 1, "the first snapshot");
    }

    public async Task DisposeAsync()
    {
        await _screen.DisposeAsync();
        await _agent.DisposeAsync();
        await _health.DisposeAsync();
        await _central.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Tap_CentralAnswers_CachedFiguresFirstThenLiveOnTheSameScreen()
    {
        var number = MemberDatasetGenerator.MemberNumber(3);
        var cached = _members.Dataset.Find(number)!.Points;
        _members.ChangePointsQuietly(number, 77_777);

        await _agent.TapAsync(MemberDatasetGenerator.CardUid(3));

        var live = await Eventually.ValueAsync(() => _screen.Members.FirstOrDefault(m => m.Freshness == DataFreshness.Live), "the live figures");
        var frames = _screen.Members.Where(m => m.TransactionId == live.TransactionId).ToList();
        Assert.Equal(DataFreshness.Checking, frames[0].Freshness);
        Assert.Equal(cached, frames[0].Points);
        Assert.Equal(77_777, live.Points);
        Assert.Equal(_members.Dataset.Find(number)!.BalanceMinor, live.Balance.AmountMinor);
        Assert.Equal(frames[0].Level, live.Level);
        Assert.Equal(2, frames.Count);
    }

    [Fact]
    public async Task Tap_CentralSilent_CachedFiguresAsOfTheLastSync()
    {
        _members.Options.AnswerQueries = false;
        var syncedAt = HealthReports.Latest(_health)!.MemberSync.SyncedAt;

        await _agent.TapAsync(MemberDatasetGenerator.CardUid(5));

        var cached = await Eventually.ValueAsync(() => _screen.Members.FirstOrDefault(m => m.Freshness == DataFreshness.Cached), "the cached figures", TimeSpan.FromSeconds(30));
        Assert.Equal(syncedAt, cached.AsOf);
        Assert.Equal(_members.Dataset.Find(MemberDatasetGenerator.MemberNumber(5))!.Points, cached.Points);
        await Eventually.TrueAsync(() => HealthReports.Latest(_health)?.Counter("members.answer.timeout") >= 1, "the timeout counted");
    }

    [Fact]
    public async Task Tap_BrokerDown_CachedFiguresAtOnce_WithoutAsking()
    {
        await _broker.StopAsync();
        await Eventually.TrueAsync(() => _agent.Output.Contains("Disconnected from central broker", StringComparison.Ordinal), "the agent to notice");

        await _agent.TapAsync(MemberDatasetGenerator.CardUid(6));

        var shown = await Eventually.ValueAsync(() => _screen.Members.FirstOrDefault(), "the member screen");
        Assert.Equal(DataFreshness.Cached, shown.Freshness);
        Assert.NotNull(shown.AsOf);
    }
}
