using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Central;
using KioskAgent.Central.CheckIns;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using MQTTnet;

namespace KioskAgent.Tests.Unit.CrossKiosk;

/// <summary>The reference central's relay: to whom a check-in goes, conflicts to both sides, repeats and catch-up.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class CheckInRelayPartTests
{
    private static readonly DateTimeOffset Ten = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    private readonly Publisher _publisher = new();
    private readonly CheckInRelayPart _part = new();

    public CheckInRelayPartTests() => _part.Attach(_publisher);

    private static RelayedCheckIn CheckIn(string tx, string kiosk, int minute = 0, string member = "M001", string site = "s1") => new()
    {
        TransactionId = tx, ActivityId = "evt-1", MemberNumber = member, SiteId = site, KioskId = kiosk, At = Timestamp.FromDateTimeOffset(Ten.AddMinutes(minute)),
    };

    private Task OnlineAsync(string kiosk, string site = "s1") => _part.HandleAsync(
        new CentralMessage(site, kiosk, "state", new MqttApplicationMessageBuilder().WithTopic($"kiosk/v1/{site}/{kiosk}/state")
            .WithPayload(CentralMessages.Json.Format(new KioskState { State = "online", SiteId = site, KioskId = kiosk })).Build()),
        CancellationToken.None);

    [Fact]
    public async Task ACheckIn_GoesToTheOtherKiosksOfTheSite_NotBackToItsOwn_NorToAnotherSite()
    {
        await OnlineAsync("kiosk-a");
        await OnlineAsync("kiosk-b");
        await OnlineAsync("kiosk-x", site: "s2");
        _publisher.Sent.Clear();

        await _part.RecordAsync(CheckIn("tx-a1", "kiosk-a"), CancellationToken.None);

        var (topic, relay) = Assert.Single(_publisher.Sent);
        Assert.Equal("kiosk/v1/s1/kiosk-b/checkins/relay", topic);
        Assert.Equal("tx-a1", Assert.Single(relay.CheckIns).TransactionId);
    }

    [Fact]
    public async Task ARepeatedTransaction_RelaysNothingMore()
    {
        await OnlineAsync("kiosk-b");
        await _part.RecordAsync(CheckIn("tx-a1", "kiosk-a"), CancellationToken.None);
        await _part.RecordAsync(CheckIn("tx-a1", "kiosk-a"), CancellationToken.None);

        Assert.Single(_publisher.Sent, s => s.Relay.CheckIns.Count > 0);
        Assert.Equal(1, _part.CheckIns);
    }

    [Fact]
    public async Task TheSameCardOnTwoKiosks_IsOneConflict_SentToBothKiosks()
    {
        await OnlineAsync("kiosk-a");
        await OnlineAsync("kiosk-b");
        await _part.RecordAsync(CheckIn("tx-a1", "kiosk-a", minute: 1), CancellationToken.None);
        await _part.RecordAsync(CheckIn("tx-b1", "kiosk-b", minute: 2), CancellationToken.None);
        await _part.RecordAsync(CheckIn("tx-b1", "kiosk-b", minute: 2), CancellationToken.None);
        await _part.RecordAsync(CheckIn("tx-a2", "kiosk-a", minute: 3, member: "M002"), CancellationToken.None);

        var conflict = Assert.Single(_part.Conflicts);
        Assert.Equal("tx-a1|tx-b1", conflict.ConflictId);
        Assert.Equal(["kiosk-a", "kiosk-b"], conflict.CheckIns.Select(c => c.KioskId));
        var sentTo = _publisher.Sent.Where(s => s.Relay.Conflicts.Count > 0).Select(s => s.Topic).Order().ToList();
        Assert.Equal(["kiosk/v1/s1/kiosk-a/checkins/relay", "kiosk/v1/s1/kiosk-b/checkins/relay"], sentTo);
    }

    [Fact]
    public async Task AnActivityThatIsNotOnceOnly_HasNoConflict()
    {
        var part = new CheckInRelayPart(onceOnly: _ => false);
        part.Attach(_publisher);
        await part.RecordAsync(CheckIn("tx-a1", "kiosk-a"), CancellationToken.None);
        await part.RecordAsync(CheckIn("tx-b1", "kiosk-b"), CancellationToken.None);

        Assert.Empty(part.Conflicts);
    }

    [Fact]
    public async Task AKioskComingOnline_GetsWhatItMissed_AndItsConflicts_InChunks()
    {
        for (var i = 0; i < CheckInRelayPart.CheckInsPerMessage + 10; i++)
        {
            await _part.RecordAsync(CheckIn($"tx-a{i}", "kiosk-a", member: $"M{i}"), CancellationToken.None);
        }

        await _part.RecordAsync(CheckIn("tx-b1", "kiosk-b", member: "M0"), CancellationToken.None);
        _publisher.Sent.Clear();

        await OnlineAsync("kiosk-b");

        Assert.All(_publisher.Sent, s => Assert.Equal("kiosk/v1/s1/kiosk-b/checkins/relay", s.Topic));
        Assert.Equal(CheckInRelayPart.CheckInsPerMessage + 10, _publisher.Sent.Sum(s => s.Relay.CheckIns.Count));
        Assert.DoesNotContain(_publisher.Sent.SelectMany(s => s.Relay.CheckIns), c => c.KioskId == "kiosk-b");
        Assert.Equal("tx-a0|tx-b1", Assert.Single(_publisher.Sent.SelectMany(s => s.Relay.Conflicts)).ConflictId);
        Assert.All(_publisher.Sent, s => Assert.True(s.Relay.CheckIns.Count <= CheckInRelayPart.CheckInsPerMessage));
    }

    private sealed class Publisher : ICentralPublisher
    {
        public List<(string Topic, CheckInRelay Relay)> Sent { get; } = [];

        public CentralTopics Topics { get; } = new();

        public bool IsConnected => true;

        public Task<bool> PublishAsync(string topic, IMessage message, CancellationToken cancellationToken, Action<MqttApplicationMessageBuilder>? configure = null)
        {
            // As it goes on the wire: the kiosk reads the JSON, not this object.
            var json = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(CentralMessages.Json.Format(message)));
            Sent.Add((topic, CheckInRelay.Parser.ParseJson(json)));
            return Task.FromResult(true);
        }
    }
}
