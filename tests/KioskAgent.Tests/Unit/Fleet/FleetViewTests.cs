using System.Text;
using KioskAgent.Central;
using KioskAgent.Central.Fleet;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Fleet;

[Trait("Category", TestCategories.Unit)]
public sealed class FleetViewTests
{
    private const string State = "kiosk/v1/site-01/kiosk-01/state";
    private const string Health = "kiosk/v1/site-01/kiosk-01/health";
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly FleetView _view = new(new CentralTopics());

    private static byte[] StateJson(string state, ulong seq, string reason = "connected", string at = "2026-11-22T09:00:00Z") =>
        Encoding.UTF8.GetBytes($$"""{"state":"{{state}}","kioskId":"kiosk-01","siteId":"site-01","session":"s{{seq}}","sessionSeq":"{{seq}}","agentVersion":"0.1.0","reason":"{{reason}}","at":"{{at}}"}""");

    private FleetUpdate Live(string topic, byte[] payload, double seconds = 0) => _view.Apply(topic, payload, retained: false, T0.AddSeconds(seconds));

    private FleetKiosk Kiosk => Assert.Single(_view.Snapshot());

    [Fact]
    public void Offline_WithALowerSessionSeqThanTheLastOnline_IsAStaleDeathAndIgnored()
    {
        Live(State, StateJson("online", 7));

        var update = Live(State, StateJson("offline", 6, "connection_lost"), 1);

        Assert.Equal(FleetUpdate.StaleStateIgnored, update);
        Assert.Equal(OnlineState.Online, Kiosk.Presence);
        Assert.Equal(7UL, Kiosk.SessionSeq);
        Assert.Equal(1, Kiosk.StaleStatesIgnored);
        Assert.Equal(1, _view.StaleStatesIgnored);
    }

    [Fact]
    public void Offline_OfTheCurrentSession_TakesTheKioskOffline()
    {
        Live(State, StateJson("online", 7));

        var update = Live(State, StateJson("offline", 7, "connection_lost"), 1);

        Assert.Equal(FleetUpdate.Applied, update);
        Assert.Equal(OnlineState.Offline, Kiosk.Presence);
        Assert.Equal("connection_lost", Kiosk.StateReason);
    }

    [Fact]
    public void Online_OfANewerSession_AfterOffline_IsOnlineAgain()
    {
        Live(State, StateJson("online", 7));
        Live(State, StateJson("offline", 7, "shutdown"), 1);

        Live(State, StateJson("online", 8), 2);

        Assert.Equal(OnlineState.Online, Kiosk.Presence);
        Assert.Equal(8UL, Kiosk.HighestOnlineSeq);
    }

    [Fact]
    public void States_WithoutSessionSeq_ApplyInArrivalOrder()
    {
        Live(State, StateJson("online", 0));
        Live(State, StateJson("offline", 0, "connection_lost"), 1);

        Assert.Equal(OnlineState.Offline, Kiosk.Presence);
    }

    [Fact]
    public void LastSeen_OfARetainedMessage_IsTheKiosksOwnTimestamp_OfALiveOne_TheArrival()
    {
        _view.Apply(State, StateJson("online", 3, at: "2026-11-22T09:00:00Z"), retained: true, T0);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), Kiosk.LastSeen);

        Live(Health, """{"kioskId":"kiosk-01","siteId":"site-01","at":"2026-11-22T09:59:00Z"}"""u8.ToArray(), 5);
        Assert.Equal(T0.AddSeconds(5), Kiosk.LastSeen);
    }

    [Fact]
    public void State_AsTheAgentWritesIt_WithOffsetAndSevenFractionDigits_IsUnderstood()
    {
        var agentJson = """{"state":"online","kioskId":"kiosk-01","siteId":"site-01","session":"019a0000-0000-7000-8000-000000000000","agentVersion":"0.1.0","reason":"connected","at":"2026-11-22T10:00:00.1234567+00:00"}"""u8.ToArray();

        Assert.Equal(FleetUpdate.Applied, Live(State, agentJson));
        Assert.Equal(OnlineState.Online, Kiosk.Presence);
        Assert.Equal("0.1.0", Kiosk.AgentVersion);
    }

    [Fact]
    public void Health_WithPaperEnd_IsAFault_AndItsCountersAreSummed()
    {
        Live(State, StateJson("online", 1));
        var health = """
            {"kioskId":"kiosk-01","siteId":"site-01","agentVersion":"0.1.1","at":"2026-11-22T10:00:00Z","outboxPending":"3",
             "memberSync":{"version":"812","snapshotId":"snap-9","syncedAt":"2026-11-22T09:59:48Z","ageSeconds":"12"},
             "devices":[
               {"deviceId":"member-1","kind":"card_reader","driver":"Pcsc","state":"DEVICE_STATE_OK","reason":"reader present"},
               {"deviceId":"receipt-printer","kind":"printer","driver":"escpos","state":"DEVICE_STATE_FAULT","reason":"paper_end"},
               {"deviceId":"pole-display","kind":"display","driver":"cd5220","state":"DEVICE_STATE_DEGRADED","reason":"slow"}],
             "counters":{"taps.accepted":"41","taps.refused.card_lost":"1","taps.refused.card_unknown":"2","inbound.rejected.ack.malformed":"4"}}
            """u8.ToArray();

        Live(Health, health, 1);

        var kiosk = Kiosk;
        Assert.True(kiosk.HasFaults);
        Assert.Equal(["receipt-printer paper_end", "pole-display slow (degraded)"], kiosk.Problems.Select(p => p.ToString()));
        Assert.Equal(3UL, kiosk.OutboxPending);
        Assert.Equal(3, kiosk.RefusedTaps);
        Assert.Equal(4, kiosk.RejectedMessages);
        Assert.Equal("0.1.1", kiosk.AgentVersion);
        Assert.Equal(812UL, kiosk.SyncVersion);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 59, 48, TimeSpan.Zero), kiosk.SyncAt);
    }

    [Fact]
    public void Health_WithAJournalFaultOrAnOutboxAlarm_IsAFault_AndTheOldestPendingIsDated()
    {
        Live(Health, """{"at":"2026-11-22T10:00:00Z","outboxPending":"12","outboxOldestPendingSeconds":"900","outboxAlarm":true,"journalFault":"disk_full"}"""u8.ToArray());

        Assert.True(Kiosk.HasFaults);
        Assert.Equal("disk_full", Kiosk.JournalFault);
        Assert.True(Kiosk.OutboxAlarm);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 45, 0, TimeSpan.Zero), Kiosk.OutboxOldestAt);
    }

    [Fact]
    public void Health_WithOnlyADegradedDevice_IsNoFault()
    {
        Live(Health, """{"devices":[{"deviceId":"receipt-printer","state":"DEVICE_STATE_DEGRADED","reason":"paper_near_end"}]}"""u8.ToArray());

        Assert.False(Kiosk.HasFaults);
        Assert.Single(Kiosk.Problems);
    }

    [Fact]
    public void Health_BeforeAnyState_ListsTheKioskAsUnknown()
    {
        Live(Health, """{"kioskId":"kiosk-01"}"""u8.ToArray());

        Assert.Equal(OnlineState.Unknown, Kiosk.Presence);
        Assert.True(Kiosk.HasHealth);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"state":"sleeping","sessionSeq":"9"}""")]
    [InlineData("""{"state":"online","sessionSeq":"minus one"}""")]
    [InlineData("""{"state":"online","at":"yesterday"}""")]
    public void State_ThatIsNotAKioskState_IsCountedAndChangesNothing(string payload)
    {
        Live(State, StateJson("online", 2));

        var update = Live(State, Encoding.UTF8.GetBytes(payload), 1);

        Assert.Equal(FleetUpdate.Malformed, update);
        Assert.Equal(OnlineState.Online, Kiosk.Presence);
        Assert.Equal(2UL, Kiosk.SessionSeq);
    }

    [Fact]
    public void Health_ThatIsNotAHealthReport_IsCounted()
    {
        Assert.Equal(FleetUpdate.Malformed, Live(Health, """{"devices":"printer"}"""u8.ToArray()));
        Assert.Equal(1, _view.MalformedMessages);
        Assert.Empty(_view.Snapshot());
    }

    [Fact]
    public void EmptyRetainedState_TakesTheKioskOutOfTheFleet()
    {
        Live(State, StateJson("online", 1));

        Assert.Equal(FleetUpdate.Removed, Live(State, []));
        Assert.Empty(_view.Snapshot());
    }

    [Theory]
    [InlineData("kiosk/v1/site-01/kiosk-01/tx")]
    [InlineData("kiosk/v2/site-01/kiosk-01/state")]
    [InlineData("kiosk/v1/site-01/state")]
    public void Message_OutsideStateAndHealthUnderTheRoot_IsNotAFleetTopic(string topic) =>
        Assert.Equal(FleetUpdate.NotFleetTopic, Live(topic, StateJson("online", 1)));
}
