using Google.Protobuf;
using KioskAgent.Central;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Event check-in end to end: a real agent, a real mosquitto and the reference central. The activity
/// comes from central (signed, retained), taps come through the simulator's gRPC on two readers, the
/// journal file is read as it is on disk, and central's acknowledgement empties the outbox.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CheckInTests
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    [Fact]
    public async Task CentralsActivity_TapsOnTwoReaders_OneAcceptedRecordPerCard_AllSentToCentral()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });
        await using var agent = await AgentProcess.StartAsync(CheckInAgent.Settings(broker.Port));
        var kioskBase = $"kiosk/v1/{agent.Settings.SiteId}/{agent.Settings.KioskId}";
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, $"{kioskBase}/tx");
        await probe.PublishAsync($"{kioskBase}/activities", CheckInAgent.Json(CheckInAgent.Catalog(7, "gala", DateTimeOffset.UtcNow)), retain: true);
        var checkIn = new CheckInService.CheckInServiceClient(agent.Channel);
        await Eventually.TrueAsync(() => checkIn.ListActivities(new ListActivitiesRequest()).Activities.Any(a => a.Activity.Id == "gala"), "central's activity at the kiosk", TimeSpan.FromSeconds(60));

        await checkIn.OpenActivityAsync(new OpenActivityRequest { ActivityId = "gala" });
        // The same cards on both readers at the same moment, three rounds, plus a lost and an unknown card.
        string[] cards = [CheckInAgent.Gold, CheckInAgent.Silver, CheckInAgent.Diamond];
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(cards.SelectMany(card => new[] { CheckInAgent.TapAsync(agent, "r1", card), CheckInAgent.TapAsync(agent, "r2", card) }));
        }

        await CheckInAgent.TapAsync(agent, "r1", CheckInAgent.Lost);
        await CheckInAgent.TapAsync(agent, "r2", CheckInAgent.Unknown);
        var journal = new JournalFile(agent.Settings.DataDirectory);
        await Eventually.TrueAsync(() => CheckIns(journal).Count == 20, "20 check-in taps journaled");

        var recorded = CheckIns(journal);
        Assert.Equal(["80001001", "80001002", "80001003"], recorded.Where(r => r.Outcome == "accepted").Select(r => r.MemberNumber).Order());
        Assert.Equal(15, recorded.Count(r => r.Outcome == "already_checked_in"));
        Assert.Equal(["card_refused", "unknown_card"], recorded.Where(r => r.Outcome is "card_refused" or "unknown_card").Select(r => r.Outcome).Order());
        Assert.All(recorded.Where(r => r.Outcome == "accepted"), r => Assert.Equal((50L, 6), (r.Points, r.ShortCode.Length)));

        var feed = (await ScreenReader.CurrentAsync(agent.Channel)).CheckInFeed;
        Assert.Equal((3u, 20u), (feed.CheckedIn, feed.Taps));
        await Eventually.TrueAsync(() => journal.Pending() == 0, "central acknowledged every transaction");
        var sent = TxMessages.Payloads(probe.Messages).Select(p => Parser.Parse<Transaction>(p)).Where(t => t.BodyCase == Transaction.BodyOneofCase.CheckIn).ToList();
        Assert.Equal(20, sent.Select(t => t.Id).Distinct().Count());
    }

    private static List<ActivityCheckIn> CheckIns(JournalFile journal) =>
        [.. journal.Entries().Where(e => e.Kind == "check_in").Select(e => Parser.Parse<Transaction>(e.Payload).CheckIn)];
}
