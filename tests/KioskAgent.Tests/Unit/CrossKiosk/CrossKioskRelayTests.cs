using Google.Protobuf.WellKnownTypes;
using KioskAgent.Activities;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.CrossKiosk;
using KioskAgent.Hosting;
using KioskAgent.Members;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.CrossKiosk;

/// <summary>The merge of what central relays into what the rule engine sees, and the conflicts it finds.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class CrossKioskRelayTests
{
    private static readonly DateTimeOffset Ten = new(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly FakeTimeProvider _time = new(Ten.AddMinutes(30));
    private readonly FakeLocal _local = new();
    private readonly RemoteCheckIns _remote = new();
    private readonly CrossKioskCounters _counters;
    private readonly CrossKioskRelay _relay;

    public CrossKioskRelayTests()
    {
        var kiosk = Options.Create(new KioskOptions { SiteId = "s1", KioskId = "kiosk-b", TimeZone = "Asia/Shanghai" });
        _counters = new CrossKioskCounters(_remote, new HealthReportTrigger());
        _relay = new CrossKioskRelay(_remote, _local, _counters, new SiteCalendar(kiosk, _time), _time, NullLogger<CrossKioskRelay>.Instance);
        _local.Activities["evt-1"] = new Activity { Id = "evt-1", Window = new ActivityWindow(Ten, Ten.AddHours(2)) };
    }

    private static Member Alice() => new()
    {
        MemberNumber = "M001",
        Cards = [new MemberCard { Uid = "04A1B2C3", Number = "8800001", State = CardState.Active }],
    };

    private static KnownCheckIn Relayed(string tx, string kiosk = "kiosk-a", DateTimeOffset? at = null, string activity = "evt-1", bool provisional = false) =>
        new(tx, "s1", new CheckInRecord(activity, "M001", TapDirection.Entry, at ?? Ten.AddMinutes(5), kiosk, provisional));

    private CheckInDecision Tap(bool cutOff = false) => new CheckInRules(_time).Decide(new CheckInRequest
    {
        Activity = _local.Activities["evt-1"],
        Member = Alice(),
        Card = "04a1b2c3",
        History = [.. _local.Own.Select(o => o.Record), .. _remote.Of("evt-1")],
        SiteZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        CutOff = cutOff,
    });

    [Fact]
    public void ARelayedCheckIn_MakesTheRuleEngineRefuseTheCardAsAlready_WithTheOtherKioskAndTime()
    {
        Assert.Equal(CheckInOutcome.Accepted, Tap().Outcome);

        _relay.Apply([Relayed("tx-a1")], []);
        var decision = Tap();

        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, decision.Outcome);
        Assert.Equal("kiosk-a", decision.Previous!.KioskId);
        Assert.Contains("10:05", decision.Detail, StringComparison.Ordinal);
        Assert.Contains("kiosk-a", decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameCheckInRelayedAgainAndOutOfOrder_IsKeptOnce()
    {
        _relay.Apply([Relayed("tx-a2", at: Ten.AddMinutes(9)), Relayed("tx-a1")], []);
        _relay.Apply([Relayed("tx-a1"), Relayed("tx-a2", at: Ten.AddMinutes(9))], []);

        Assert.Equal(2, _remote.Count);
        Assert.Equal(["tx-a2", "tx-a1"], _local.Remembered.Select(r => r.TransactionId));
        Assert.Equal(2, _counters.Get("checkin.relay.added"));
        Assert.Equal(2, _counters.Get("checkin.relay.duplicate"));
    }

    [Fact]
    public void CutOff_AnAcceptanceIsProvisional()
    {
        var decision = Tap(cutOff: true);

        Assert.True(decision.IsAccepted);
        Assert.True(decision.Provisional);
    }

    [Fact]
    public void AcceptedHereWhileApart_ThenRelayedFromTheOtherKiosk_IsAConflict_KeptOnBothSides()
    {
        _local.Own.Add(Relayed("tx-b1", kiosk: "kiosk-b", at: Ten.AddMinutes(7), provisional: true));

        _relay.Apply([Relayed("tx-a1", provisional: true)], []);

        var conflict = Assert.Single(_remote.Conflicts("evt-1"));
        Assert.Equal("tx-a1|tx-b1", conflict.ConflictId);
        Assert.Equal("kiosk-a", conflict.First.Record.KioskId);
        Assert.Equal("kiosk-b", conflict.Second.Record.KioskId);
        Assert.Equal(1, _counters.Get(CrossKioskCounters.Conflicts));
        Assert.Equal(1, _counters.Get(CrossKioskCounters.ConflictsFoundHere));
        // Nothing merged or dropped: both acceptances are still there.
        Assert.Single(_remote.Of("evt-1"));
        Assert.Single(_local.Own);
    }

    [Fact]
    public void CentralsConflictRecord_ForAConflictFoundHere_IsNotCountedTwice()
    {
        _local.Own.Add(Relayed("tx-b1", kiosk: "kiosk-b", at: Ten.AddMinutes(7)));
        _relay.Apply([Relayed("tx-a1")], []);

        var fromCentral = new CrossKioskConflict("tx-a1|tx-b1", "evt-1", "M001", Relayed("tx-a1"), _local.Own[0], Ten.AddMinutes(20), FromCentral: true);
        _relay.Apply([], [fromCentral]);

        Assert.Equal(1, _remote.ConflictCount);
    }

    [Fact]
    public void ARepeatableActivity_TwoKiosksOutsideTheInterval_IsNoConflict()
    {
        _local.Activities["evt-1"] = _local.Activities["evt-1"] with { Repeat = RepeatRule.Every(TimeSpan.FromMinutes(1)) };
        _local.Own.Add(Relayed("tx-b1", kiosk: "kiosk-b", at: Ten.AddMinutes(7)));

        _relay.Apply([Relayed("tx-a1")], []);

        Assert.Equal(0, _remote.ConflictCount);
    }

    [Fact]
    public void RelaysForUnknownActivities_AreKeptUpToTheirShare_ThenDroppedAndCounted()
    {
        var many = Enumerable.Range(0, RemoteCheckIns.MaxUnknownRecords + 25).Select(i => Relayed($"tx-{i}", activity: $"unknown-{i % 7}")).ToList();

        _relay.Apply(many, []);
        _relay.Apply([Relayed("tx-known")], []);

        Assert.Equal(RemoteCheckIns.MaxUnknownRecords + 1, _remote.Count);
        Assert.Equal(25, _counters.Get("checkin.relay.dropped_unknown_activity"));
        Assert.Single(_remote.Of("evt-1"));
    }

    [Fact]
    public void Reading_RefusesTheWholeMessage_ForOneBadElement()
    {
        var good = new RelayedCheckIn { TransactionId = "tx-1", ActivityId = "evt-1", MemberNumber = "M001", SiteId = "s1", KioskId = "kiosk-a", At = Timestamp.FromDateTimeOffset(Ten) };
        var relay = new CheckInRelay { CheckIns = { good, new RelayedCheckIn(good) { KioskId = "kiosk/#" } } };

        Assert.False(RelayReading.TryRead(relay, "s1", "kiosk-b", Ten, out _, out _, out var refusal));
        Assert.Equal(RelayReading.InvalidCheckIn, refusal);

        var noTime = new CheckInRelay { CheckIns = { new RelayedCheckIn(good) { At = null } } };
        Assert.False(RelayReading.TryRead(noTime, "s1", "kiosk-b", Ten, out _, out _, out _));

        var badConflict = new CheckInRelay { Conflicts = { new RelayedConflict { ConflictId = "x", ActivityId = "evt-1", MemberNumber = "M001", CheckIns = { good, new RelayedCheckIn(good) { TransactionId = "tx-2" } } } } };
        Assert.False(RelayReading.TryRead(badConflict, "s1", "kiosk-b", Ten, out _, out _, out refusal));
        Assert.Equal(RelayReading.InvalidConflict, refusal);

        var tooMany = new CheckInRelay();
        tooMany.CheckIns.AddRange(Enumerable.Repeat(good, RelayReading.MaxCheckIns + 1));
        Assert.False(RelayReading.TryRead(tooMany, "s1", "kiosk-b", Ten, out _, out _, out refusal));
        Assert.Equal(RelayReading.TooMany, refusal);
    }

    [Fact]
    public void Reading_SkipsThisKiosksOwnCheckIn()
    {
        var own = new RelayedCheckIn { TransactionId = "tx-1", ActivityId = "evt-1", MemberNumber = "M001", SiteId = "s1", KioskId = "kiosk-b", At = Timestamp.FromDateTimeOffset(Ten) };

        Assert.True(RelayReading.TryRead(new CheckInRelay { CheckIns = { own } }, "s1", "kiosk-b", Ten, out var checkIns, out _, out _));
        Assert.Empty(checkIns);
    }

    private sealed class FakeLocal : ILocalCheckIns
    {
        public Dictionary<string, Activity> Activities { get; } = [];

        public List<KnownCheckIn> Own { get; } = [];

        public List<KnownCheckIn> Remembered { get; } = [];

        public Activity? Find(string activityId) => Activities.GetValueOrDefault(activityId);

        public IReadOnlyList<KnownCheckIn> Accepted(string activityId, string memberNumber) =>
            [.. Own.Where(o => o.Record.ActivityId == activityId && o.Record.MemberNumber == memberNumber)];

        public void Remember(KnownCheckIn checkIn) => Remembered.Add(checkIn);
    }
}
