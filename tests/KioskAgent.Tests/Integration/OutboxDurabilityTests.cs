using System.Globalization;
using System.Text.Json;
using KioskAgent.Central;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Nothing a kiosk records is lost: a transaction leaves the outbox only when central acknowledged
/// it, not when the broker took it; not while central is away, not on kill -9.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class OutboxDurabilityTests
{
    private static readonly Dictionary<string, string> QuickResend = new()
    {
        ["Central__OutboxAckTimeoutSeconds"] = "1",
        ["Central__OutboxAckTimeoutMaxSeconds"] = "2",
    };

    [Fact]
    public async Task Outbox_SurvivesKill9BetweenCommitAndPublish_AndCentralStoresItOnceAfterRestart()
    {
        // Arrange: the broker is down, so a tap commits to the journal but cannot be published.
        var brokerPort = FreePort.Next();
        var settings = new AgentSettings { BrokerPort = brokerPort, Demo = true };
        var agent = await AgentProcess.StartAsync(settings);

        // Act 1: tap; the UI shows the answer only after the journal commit.
        var shown = await agent.TapForAnswerAsync("04A1B2C3D4E5F6");
        await agent.KillAsync();
        await agent.DisposeAsync();
        var journal = new JournalFile(settings.DataDirectory);
        Assert.Equal(1, journal.Pending());

        // Act 2: central comes back and the agent restarts.
        await using var broker = await MosquittoBroker.StartOnAsync(brokerPort);
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", brokerPort, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });
        await using var restarted = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });

        // Assert: stored by central with the id the UI showed, and acknowledged back.
        await Eventually.TrueAsync(() => journal.Pending() == 0, "central's ack to empty the outbox");
        var stored = Assert.Single(central.Transactions.Store.For(new KioskKey(settings.SiteId, settings.KioskId)));
        Assert.Equal(shown.Member.TransactionId, stored.Id);
        Assert.Equal(("accepted", ""), journal.Outcome(stored.Id));
    }

    [Fact]
    public async Task NoCentral_BrokerTakesEveryPublish_YetTransactionsStayPending_AreResent_AndRaiseTheAlarm()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings
        {
            BrokerPort = broker.Port,
            Demo = true,
            Extra = new Dictionary<string, string>(QuickResend) { ["Central__OutboxAlarmSeconds"] = "1", ["Central__TelemetrySeconds"] = "1" },
        };
        var txTopic = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/tx";
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, txTopic);
        await using var health = await MqttProbe.ConnectAsync(broker.Port, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/health");
        await using var agent = await AgentProcess.StartAsync(settings);
        var shown = await agent.TapForAnswerAsync("04A1B2C3D4E5F6");
        var id = shown.Member.TransactionId;

        // Sent, taken by the broker, sent again: nobody acknowledged it.
        await Eventually.TrueAsync(() => probe.Messages.Count(m => m.UserProperty("tx-id") == id) >= 3, "the transaction to be resent");
        var journal = new JournalFile(settings.DataDirectory);
        Assert.Equal(1, journal.Pending());
        await Eventually.TrueAsync(() => health.Messages.Any(m => JsonDocument.Parse(m.Payload).RootElement.TryGetProperty("outboxAlarm", out var on) && on.GetBoolean()), "the outbox alarm in health");

        // Central arrives: it stores the transaction once and the outbox empties.
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });
        await Eventually.TrueAsync(() => journal.Pending() == 0, "central's ack");
        Assert.Equal(id, Assert.Single(central.Transactions.Store.For(new KioskKey(settings.SiteId, settings.KioskId))).Id);
    }

    [Fact]
    public async Task BrokerOutage_TapsAreHeld_AndCentralGetsThemAllAfterwards_WithoutGaps()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings { BrokerPort = broker.Port, Demo = true, Extra = QuickResend };
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });
        await using var agent = await AgentProcess.StartAsync(settings);
        var kiosk = new KioskKey(settings.SiteId, settings.KioskId);
        await agent.TapForAnswerAsync("5A6B7C8D");
        var journal = new JournalFile(settings.DataDirectory);
        await Eventually.TrueAsync(() => journal.Pending() == 0, "the first tap acknowledged");

        await broker.StopAsync();
        await agent.TapForAnswerAsync("04A1B2C3D4E5F6");
        await agent.TapForAnswerAsync("0411223344556677");
        Assert.Equal(2, journal.Pending());
        await broker.StartAgainAsync();

        await Eventually.TrueAsync(() => journal.Pending() == 0, "the held taps acknowledged by central", TimeSpan.FromSeconds(40));
        Assert.Equal(3UL, central.Transactions.Store.Contiguous(kiosk));
        Assert.Empty(central.Transactions.Store.Gaps(kiosk));
    }

    [Fact]
    public async Task UnacknowledgedTransactions_GoAgainInBatches_OfAtMostTheBatchSize_AndCentralStoresEachOnce()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings
        {
            BrokerPort = broker.Port,
            Demo = true,
            Extra = new Dictionary<string, string>(QuickResend) { ["Central__OutboxBatchMax"] = "7", ["Taps__SameCardDebounceMs"] = "0" },
        };
        var kiosk = new KioskKey(settings.SiteId, settings.KioskId);
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/tx");
        await using var agent = await AgentProcess.StartAsync(settings);

        // No central yet: nothing is acknowledged, so after a second all 30 are due again at once.
        string[] cards = ["04A1B2C3D4E5F6", "0411223344556677", "DEADBEEF"];
        for (var i = 0; i < 30; i++)
        {
            await agent.TapForAnswerAsync(cards[i % cards.Length]);
        }

        await Eventually.TrueAsync(() => probe.Messages.Any(m => m.UserProperty("schema") == TxMessages.BatchSchema), "a resend in batches");
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });
        var journal = new JournalFile(settings.DataDirectory);
        await Eventually.TrueAsync(() => journal.Pending() == 0, "every transaction acknowledged by central", TimeSpan.FromSeconds(40));

        Assert.Equal(30UL, central.Transactions.Store.Contiguous(kiosk));
        Assert.Empty(central.Transactions.Store.Gaps(kiosk));
        Assert.Equal(30, central.Transactions.Store.For(kiosk).Count());
        Assert.Equal(journal.Ids().ToDictionary(p => p.Value, p => (ulong)p.Key), central.Transactions.Store.For(kiosk).ToDictionary(t => t.Id, t => t.Sequence));

        // On the wire: batches of 2-7 transactions in sequence order (resends are due at jittered
        // times, so not always consecutive ones), each element as it went alone before.
        var batches = probe.Messages.Where(m => m.UserProperty("schema") == TxMessages.BatchSchema).ToList();
        Assert.All(batches, b =>
        {
            var inBatch = TxMessages.Elements([b]).Select(t => long.Parse(t.GetProperty("sequence").GetString()!, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(inBatch.Count.ToString(CultureInfo.InvariantCulture), b.UserProperty("tx-count"));
            Assert.InRange(inBatch.Count, 2, 7);
            Assert.Equal(inBatch.Order(), inBatch);
            Assert.Equal(inBatch.Count, inBatch.Distinct().Count());
        });
        // A transaction that went alone first and again in a batch is the same bytes both times. (Under
        // load two taps can be waiting at the first send already, so not every element went alone first.)
        var alone = TxMessages.Payloads(probe.Messages.Where(m => m.UserProperty("schema") == "kiosk.v1.Transaction")).ToHashSet();
        var aloneIds = alone.Select(IdOf).ToHashSet(StringComparer.Ordinal);
        var resent = TxMessages.Payloads(batches).Where(p => aloneIds.Contains(IdOf(p))).ToList();
        Assert.NotEmpty(resent);
        Assert.All(resent, p => Assert.Contains(p, alone));

        static string IdOf(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Rejection_CentralsOutcomeAndReason_AreRecordedInTheJournal()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings { BrokerPort = broker.Port, Demo = true };
        var options = new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Judge = t => t.CardTap?.CardUid == "5A6B7C8D" ? "member_blocked_centrally" : null };
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, options);
        await using var agent = await AgentProcess.StartAsync(settings);

        var rejected = (await agent.TapForAnswerAsync("5A6B7C8D")).Member.TransactionId;
        var accepted = (await agent.TapForAnswerAsync("04A1B2C3D4E5F6")).Member.TransactionId;

        var journal = new JournalFile(settings.DataDirectory);
        await Eventually.TrueAsync(() => journal.Pending() == 0, "both settled");
        Assert.Equal(("rejected", "member_blocked_centrally"), journal.Outcome(rejected));
        Assert.Equal(("accepted", ""), journal.Outcome(accepted));
        Assert.Equal(TransactionOutcome.Rejected, central.Transactions.Store.Find(rejected)!.Outcome);
    }

    [Fact]
    public async Task HostileAcks_AreDeadLettered_AndSettleNothing()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var settings = new AgentSettings { BrokerPort = broker.Port, Demo = true };
        await using var agent = await AgentProcess.StartAsync(settings);
        await agent.TapForAnswerAsync("04A1B2C3D4E5F6");
        var ackTopic = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/ack";
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, "$SYS/none");
        var deadLetters = Path.Combine(settings.DataDirectory, "deadletter.jsonl");

        await probe.PublishAsync(ackTopic, "{not json");
        await probe.PublishAsync(ackTopic, """{"contiguousSequence":"999"}""");
        await probe.PublishAsync(ackTopic, $$"""{"results":[{"id":"{{Guid.NewGuid()}}","outcome":"TRANSACTION_OUTCOME_ACCEPTED"}]}""");

        await Eventually.TrueAsync(() => File.Exists(deadLetters) && File.ReadAllLines(deadLetters).Length >= 3, "three dead letters");
        var reasons = File.ReadAllLines(deadLetters).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("reason").GetString()).ToList();
        Assert.Equal(["malformed", "ahead_of_journal", "unknown_transaction"], reasons);
        Assert.Equal(1, new JournalFile(settings.DataDirectory).Pending());
    }
}
