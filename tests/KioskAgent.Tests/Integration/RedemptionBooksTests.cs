using KioskAgent.Central;
using KioskAgent.Central.Members;
using KioskAgent.Central.Redemptions;
using KioskAgent.Central.Transactions;
using KioskAgent.Contracts.V1;
using KioskAgent.Demo;
using KioskAgent.Rewards;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// A redemption central accepts and applies to its member data comes back to the kiosk as a
/// member delta listing the transaction; from then on the kiosk's cache carries the deduction and
/// the hold no longer counts, so the points are taken off once. Real agent, mosquitto, the
/// reference central serving the member data.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class RedemptionBooksTests : IAsyncLifetime
{
    private const string GoldCard = "04A1B2C3D4E5F6";
    private const string GoldMember = "80001001";

    private readonly TransactionStore _store = new();
    private MosquittoBroker _broker = null!;
    private CentralMembers _members = null!;
    private RedemptionBooks _books = null!;
    private ReferenceCentral _central = null!;
    private AgentProcess _agent = null!;
    private MqttProbe _health = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _members = new CentralMembers(new MemberDataset(DemoMembers.All.Select(m => m.Member.Clone()), DemoMembers.Levels, DemoMembers.Gifts));
        _books = new RedemptionBooks(_members, _store);
        _central = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Store = _store, Parts = { _members, _books } });
        var settings = new AgentSettings { BrokerPort = _broker.Port, Extra = new Dictionary<string, string> { ["Central__TelemetrySeconds"] = "1" } };
        _health = await MqttProbe.ConnectAsync(_broker.Port, HealthReports.Topic(settings));
        _agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => HealthReports.Latest(_health)?.MemberSync.Version == 1, "the kiosk to load central's snapshot");
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _health.DisposeAsync();
        await _central.DisposeAsync();
        _store.Dispose();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task ARedemptionCentralApplied_IsTakenOffThePointsOnce_AfterItsDeltaArrives()
    {
        var member = await MemberTaps.TapAsync(_agent, GoldCard);
        Assert.Equal(36_520, member.Points);
        var redemption = new GiftRedemption.GiftRedemptionClient(_agent.Channel);
        await redemption.ChooseGiftAsync(new ChooseGiftRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        var reply = await redemption.ConfirmRedemptionAsync(new ConfirmRedemptionRequest { SessionId = member.TransactionId, GiftCode = "mug" });
        Assert.Equal("", reply.ReasonCode);

        await Eventually.TrueAsync(() => _books.Applied == 1, "central to apply the redemption to the member");
        var booked = _members.Dataset.Find(GoldMember)!;
        Assert.Equal(35_720, booked.Points);
        Assert.Contains(reply.TransactionId, booked.AppliedTransactionIds);
        await Eventually.TrueAsync(() => HealthReports.Latest(_health)?.MemberSync.Version == 2, "the kiosk to apply central's delta");
        await Eventually.TrueAsync(() => HoldState(reply.TransactionId) == Rewards.HoldState.Confirmed, "the kiosk to see central's confirmation");

        // 36,520 − 800 once. Subtracting the confirmed hold from the updated cache as well would show 34,920.
        var after = await MemberTaps.TapAsync(_agent, GoldCard);
        Assert.Equal(35_720, after.Points);
        await redemption.OpenGiftsAsync(new OpenGiftsRequest { SessionId = after.TransactionId });
        Assert.Equal(35_720, (await ScreenReader.CurrentAsync(_agent.Channel)).GiftList.AvailablePoints);
        await Eventually.TrueAsync(() => HealthReports.Latest(_health)?.Counter("redemptions.confirmed") == 1 && HealthReports.Latest(_health)?.Counter("redemptions.held") == 0, "health to show nothing left waiting");
    }

    private Rewards.HoldState? HoldState(string transactionId)
    {
        using var holds = new RedemptionHoldStore(Path.Combine(_agent.Settings.DataDirectory, Journal.TransactionJournal.FileName));
        return holds.FindByTransaction(transactionId)?.State;
    }
}
