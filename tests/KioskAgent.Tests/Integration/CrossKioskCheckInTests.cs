using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using KioskAgent.Central;
using KioskAgent.Central.CheckIns;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using Xunit.Abstractions;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Issue 13, acceptance 3 (first part): two real agents, one real mosquitto and the reference
/// central. Connected, a card accepted on one kiosk is refused as "already" on the other; with the
/// broker stopped, the same card is accepted on both (provisional, the staff screens say offline);
/// once the broker is back, central and both kiosks' staff screens and health show the conflict.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CrossKioskCheckInTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Site = "relay-site";
    private const string ActivityId = "evt-relay";

    /// <summary>Demo members: 王小明 (gold) and the silver card.</summary>
    private const string GoldCard = "04A1B2C3D4E5F6";
    private const string SilverCard = "5A6B7C8D";

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private readonly CheckInRelayPart _relay = new();
    private MosquittoBroker _broker = null!;
    private ReferenceCentral _central = null!;
    private AgentProcess _a = null!;
    private AgentProcess _b = null!;
    private readonly List<FeedWatch> _feeds = [];

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        var options = new ReferenceCentralOptions { Signer = TestCentralKey.Signer };
        options.Parts.Add(_relay);
        _central = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, options);
        var starting = new[] { Start("kiosk-a"), Start("kiosk-b") };
        (_a, _b) = (await starting[0], await starting[1]);
    }

    public async Task DisposeAsync()
    {
        foreach (var feed in _feeds)
        {
            await feed.DisposeAsync();
        }

        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _central.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task AcceptedOnOneKiosk_RefusedOnTheOther_AndAcceptedOnBothWhileApart_IsAConflictEverywhere()
    {
        await Eventually.TrueAsync(() => _central.Presence.All.Count(p => p.Kiosk.SiteId == Site && p.Online) == 2, "both kiosks online at central", Generous);
        await OpenActivityAsync(_a);
        await OpenActivityAsync(_b);
        var feedA = await WatchAsync(_a);
        var feedB = await WatchAsync(_b);

        // Forged and malformed relays are refused, counted and dead-lettered; were the forged one taken,
        // B would name kiosk-z, not kiosk-a, as where the gold card checked in.
        await RefusedRelaysAsync(_b);

        // Connected: accepted on A, relayed to B within moments, refused there as "already (kiosk-a, time)".
        await using (var relayToB = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{Site}/kiosk-b/{CheckInRelayPart.Suffix}"))
        {
            var tapped = Stopwatch.StartNew();
            await _a.TapAsync(GoldCard);
            var acceptedA = await Eventually.ValueAsync(() => feedA.Lines.FirstOrDefault(l => l.Outcome == "accepted"), "the gold card accepted on kiosk A", Generous);
            Assert.False(acceptedA.Provisional);
            await Eventually.TrueAsync(() => relayToB.Messages.Any(m => m.Payload.Contains(ActivityId, StringComparison.Ordinal)), "A's check-in relayed to kiosk B", Generous);
            output.WriteLine($"tap on A -> relay at B's topic: {tapped.ElapsedMilliseconds} ms");
        }

        // The probe and kiosk B get the relay at the same moment; B applies it in-process right after,
        // which on a loaded machine may take a while: B's own health report says when it has.
        await using (var healthB = await MqttProbe.ConnectAsync(_broker.Port, HealthReports.Topic(_b.Settings)))
        {
            await Eventually.TrueAsync(
                () => healthB.On(HealthReports.Topic(_b.Settings)).Select(m => HealthReport.Parser.ParseJson(m.Payload)).Any(r => r.Counter("checkin.relay.added") >= 1),
                "kiosk B took A's check-in from the relay",
                Generous);
        }

        var refused = await TapUntilDecidedAsync(_b, feedB, GoldCard);
        output.WriteLine($"B refused after {refused.Latency.TotalMilliseconds:F0} ms from A's acceptance being visible");
        Assert.Equal("already_checked_in", refused.Line.Outcome);
        Assert.Contains("kiosk-a", refused.Line.Detail, StringComparison.Ordinal);

        // Apart: the same (silver) card is accepted on both kiosks, provisionally, and the screens say so.
        await _broker.StopAsync();
        await Eventually.TrueAsync(() => feedA.Latest?.Offline == true && feedB.Latest?.Offline == true, "both staff screens offline", Generous);
        await _a.TapAsync(SilverCard);
        await _b.TapAsync(SilverCard);
        var provisionalA = await Eventually.ValueAsync(() => feedA.Lines.FirstOrDefault(l => l.Outcome == "accepted" && l.Provisional), "the silver card accepted provisionally on A", Generous);
        var provisionalB = await Eventually.ValueAsync(() => feedB.Lines.FirstOrDefault(l => l.Outcome == "accepted" && l.Provisional), "the silver card accepted provisionally on B", Generous);
        Assert.NotNull(feedA.Latest!.OthersKnownAsOf);
        Assert.NotNull(feedB.Latest!.OthersKnownAsOf);
        Assert.Equal(0u, feedA.Latest.Conflicts);

        // Together again: central finds the conflict and both staff screens and health reports show it.
        var back = Stopwatch.StartNew();
        await _broker.StartAgainAsync();
        var conflict = await Eventually.ValueAsync(() => _relay.Conflicts.SingleOrDefault(), "central's conflict record", TimeSpan.FromSeconds(45));
        Assert.Equal(["kiosk-a", "kiosk-b"], conflict.CheckIns.Select(c => c.KioskId).Order());
        Assert.Equal(CheckInTransactionsIds(provisionalA, provisionalB), conflict.ConflictId);
        try
        {
            await Eventually.TrueAsync(() => feedA.Latest?.Conflicts == 1 && feedB.Latest?.Conflicts == 1, "the conflict on both staff screens", Generous);
        }
        catch (TimeoutException)
        {
            output.WriteLine($"staff screens: A {feedA.Latest?.Conflicts} conflicts (offline {feedA.Latest?.Offline}), B {feedB.Latest?.Conflicts} conflicts (offline {feedB.Latest?.Offline})");
            foreach (var agent in new[] { _a, _b })
            {
                output.WriteLine($"--- {agent.Settings.KioskId} (relay, conflict, link and dead-letter lines)");
                foreach (var line in agent.Output.Split('\n').Where(l => l.Contains("onflict", StringComparison.Ordinal) || l.Contains("relay", StringComparison.OrdinalIgnoreCase) || l.Contains("central broker", StringComparison.Ordinal) || l.Contains("rejected", StringComparison.Ordinal)))
                {
                    output.WriteLine(line);
                }
            }

            throw;
        }

        Assert.False(feedA.Latest!.Offline);
        foreach (var feed in new[] { feedA, feedB })
        {
            var listed = Assert.Single(feed.Latest!.ConflictList);
            Assert.Equal(conflict.ConflictId, listed.ConflictId);
            Assert.Equal(["kiosk-a", "kiosk-b"], new[] { listed.FirstKioskId, listed.SecondKioskId }.Order(StringComparer.Ordinal));
            Assert.Equal(new[] { provisionalA.ShortCode, provisionalB.ShortCode }.Order(StringComparer.Ordinal), new[] { listed.FirstShortCode, listed.SecondShortCode }.Order(StringComparer.Ordinal));
        }

        output.WriteLine($"broker back -> conflict on both screens: {back.ElapsedMilliseconds} ms");

        await using var health = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{Site}/+/health");
        foreach (var agent in new[] { _a, _b })
        {
            await Eventually.TrueAsync(
                () => health.On(HealthReports.Topic(agent.Settings)).Select(m => HealthReport.Parser.ParseJson(m.Payload)).Any(r => r.Counter("checkin.conflicts") == 1),
                $"checkin.conflicts = 1 in {agent.Settings.KioskId}'s health",
                Generous);
        }

        // Both acceptances stand: nothing merged, nothing dropped.
        var silverAccepted = new[] { "kiosk-a", "kiosk-b" }
            .SelectMany(k => _central.Transactions.Store.For(new KioskKey(Site, k)))
            .Count(t => t.Payload.Contains(ActivityId, StringComparison.Ordinal) && t.Payload.Contains(SilverMember, StringComparison.Ordinal) && t.Payload.Contains("\"accepted\"", StringComparison.Ordinal));
        Assert.Equal(2, silverAccepted);
        Assert.False(_a.HasExited);
        Assert.False(_b.HasExited);
    }

    private const string SilverMember = "80001002";

    private async Task RefusedRelaysAsync(AgentProcess agent)
    {
        var topic = $"kiosk/v1/{Site}/{agent.Settings.KioskId}/{CheckInRelayPart.Suffix}";
        var forged = $$"""{"checkIns":[{"transactionId":"forged-1","activityId":"{{ActivityId}}","memberNumber":"80001001","siteId":"{{Site}}","kioskId":"kiosk-z","at":"{{DateTimeOffset.UtcNow:O}}"}]}""";
        await using var attacker = await MqttProbe.ConnectAsync(_broker.Port, "nothing/here");
        await attacker.PublishAsync(topic, forged, sign: false);
        await attacker.PublishAsync(topic, """{"checkIns":"all of them"}""");
        await attacker.PublishAsync(topic, forged.Replace("kiosk-z", "kiosk/#", StringComparison.Ordinal));
        var data = agent.Settings.DataDirectory;
        await Eventually.TrueAsync(
            () => DeadLetters.Count(data, "checkin_relay", "unsigned") == 1 && DeadLetters.Count(data, "checkin_relay", "malformed") == 1 && DeadLetters.Count(data, "checkin_relay", "invalid_checkin") == 1,
            "the three refused relays dead-lettered",
            Generous);
        Assert.False(agent.HasExited);
    }

    private static string CheckInTransactionsIds(CheckInFeedLine a, CheckInFeedLine b) => CheckInRelayConflictId(a.TransactionId, b.TransactionId);

    private static string CheckInRelayConflictId(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? $"{a}|{b}" : $"{b}|{a}";

    private async Task<AgentProcess> Start(string kioskId)
    {
        var settings = new AgentSettings
        {
            KioskId = kioskId,
            SiteId = Site,
            Demo = true,
            BrokerPort = _broker.Port,
            Environment = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Testing" },
            Extra = new Dictionary<string, string>
            {
                ["Staff__TestSession__StaffId"] = $"staff-{kioskId}",
                ["Staff__TestSession__DisplayName"] = "Test staff",
                ["Staff__TestSession__Role"] = "Staff",
                // Health every 5 s (the least allowed): the test reads the relay's counters from it.
                ["Central__TelemetrySeconds"] = "5",
            },
        };
        var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => _central.Presence.Get(new KioskKey(Site, kioskId))?.Online == true, $"{kioskId} online", Generous);
        var now = DateTimeOffset.UtcNow;
        var catalog = new ActivityCatalog
        {
            Version = 1,
            Activities =
            {
                new ActivityRecord
                {
                    Id = ActivityId,
                    Name = "Relay test",
                    OpensAt = Timestamp.FromDateTimeOffset(now.AddHours(-1)),
                    ClosesAt = Timestamp.FromDateTimeOffset(now.AddHours(2)),
                    Repeat = RepeatKindRecord.OncePerActivity,
                },
            },
        };
        Assert.True(await _central.PublishAsync($"kiosk/v1/{Site}/{kioskId}/activities", catalog, CancellationToken.None, b => b.WithRetainFlag(true)));
        return agent;
    }

    private static async Task OpenActivityAsync(AgentProcess agent)
    {
        var client = new CheckInService.CheckInServiceClient(agent.Channel);
        await Eventually.TrueAsync(
            () => client.ListActivities(new ListActivitiesRequest()).Activities.Any(a => a.Activity.Id == ActivityId),
            $"{agent.Settings.KioskId} knows the activity",
            Generous);
        // A refusal is an RpcException (NOT_FOUND for an activity the kiosk does not know).
        await client.OpenActivityAsync(new OpenActivityRequest { ActivityId = ActivityId });
    }

    private async Task<FeedWatch> WatchAsync(AgentProcess agent)
    {
        var feed = new FeedWatch(new CheckInService.CheckInServiceClient(agent.Channel).WatchFeed(new WatchFeedRequest()));
        _feeds.Add(feed);
        await Eventually.TrueAsync(() => feed.Latest is not null, $"{agent.Settings.KioskId}'s feed", Generous);
        return feed;
    }

    private static async Task<(CheckInFeedLine Line, TimeSpan Latency)> TapUntilDecidedAsync(AgentProcess agent, FeedWatch feed, string card)
    {
        var since = Stopwatch.StartNew();
        var before = feed.Lines.Count;
        await agent.TapAsync(card);
        var line = await Eventually.ValueAsync(() => feed.Lines.Skip(before).FirstOrDefault(), $"{agent.Settings.KioskId} decided the tap", Generous);
        return (line, since.Elapsed);
    }

    /// <summary>A staff screen's check-in feed as the UI gets it: every tap line, and the latest view.</summary>
    private sealed class FeedWatch : IAsyncDisposable
    {
        private readonly AsyncServerStreamingCall<WatchFeedResponse> _call;
        private readonly ConcurrentQueue<CheckInFeedLine> _lines = new();
        private readonly Task _reading;
        private CheckInFeedView? _latest;

        public FeedWatch(AsyncServerStreamingCall<WatchFeedResponse> call)
        {
            _call = call;
            _reading = Task.Run(ReadAsync);
        }

        public CheckInFeedView? Latest => Volatile.Read(ref _latest);

        public IReadOnlyList<CheckInFeedLine> Lines => [.. _lines];

        public async ValueTask DisposeAsync()
        {
            _call.Dispose();
            await _reading;
        }

        private async Task ReadAsync()
        {
            try
            {
                await foreach (var view in _call.ResponseStream.ReadAllAsync().Select(r => r.Feed))
                {
                    if (view.Last is { } last && (Latest?.Last is not { } previous || !previous.Equals(last)))
                    {
                        _lines.Enqueue(last);
                    }

                    Volatile.Write(ref _latest, view);
                }
            }
            catch (RpcException)
            {
                // Cancelled at the end of the test.
            }
        }
    }
}
