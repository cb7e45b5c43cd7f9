using KioskAgent.Central;
using KioskAgent.Central.Transactions;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>The reference central against a real mosquitto and a real agent.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ReferenceCentralTests
{
    [Fact]
    public async Task TwoInstances_SplitTheWorkThroughTheSharedSubscription_AndTogetherAckEverything()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var store = new TransactionStore();
        await using var one = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Store = store });
        await using var two = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Store = store });
        var settings = new AgentSettings { BrokerPort = broker.Port, Demo = true, Extra = new Dictionary<string, string> { ["Taps__SameCardDebounceMs"] = "0" } };
        await using var agent = await AgentProcess.StartAsync(settings);
        var kiosk = new KioskKey(settings.SiteId, settings.KioskId);

        for (var i = 0; i < 30; i++)
        {
            await agent.TapForAnswerAsync(i % 2 == 0 ? "04A1B2C3D4E5F6" : "5A6B7C8D");
        }

        var journal = new JournalFile(settings.DataDirectory);
        await Eventually.TrueAsync(() => journal.Pending() == 0, "every transaction acknowledged");
        Assert.True(one.Transactions.Received > 0 && two.Transactions.Received > 0, $"both instances got work ({one.Transactions.Received} + {two.Transactions.Received})");
        Assert.Equal(30, store.For(kiosk).Count);
        Assert.Equal(30UL, store.Contiguous(kiosk));
    }

    [Fact]
    public async Task Restart_OnItsFile_KeepsWhatItStored_AndCountsResendsAsDuplicates()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var path = Path.Combine(TestPaths.NewTempDirectory("central"), "central.db");
        var settings = new AgentSettings { BrokerPort = broker.Port, Demo = true };
        var kiosk = new KioskKey(settings.SiteId, settings.KioskId);
        string id;
        await using (var agent = await AgentProcess.StartAsync(settings))
        {
            using var store = new TransactionStore(path);
            await using (await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Store = store }))
            {
                id = (await agent.TapForAnswerAsync("04A1B2C3D4E5F6")).Member.TransactionId;
                await Eventually.TrueAsync(() => new JournalFile(settings.DataDirectory).Pending() == 0, "acknowledged");
            }
        }

        using var reopened = new TransactionStore(path);
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Store = reopened });
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, "$SYS/none");
        var stored = Assert.Single(reopened.For(kiosk));
        Assert.Equal(id, stored.Id);

        // The same transaction again, as a kiosk that missed the ack would send it.
        await probe.PublishAsync($"kiosk/v1/{settings.SiteId}/{settings.KioskId}/tx", stored.Payload);

        await Eventually.TrueAsync(() => reopened.Duplicates == 1, "the resend counted as a duplicate");
        Assert.Single(reopened.For(kiosk));
    }

    [Fact]
    public async Task ALiveQuery_IsAnsweredOnlyOnTheAskingKiosksOwnAnswerTopic()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var members = new KioskAgent.Central.Members.CentralMembers(KioskAgent.Central.Members.MemberDatasetGenerator.Generate(5));
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Parts = { members }, Signer = TestCentralKey.Signer });
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, "kiosk/v1/+/+/members/answer");
        var query = "{\"memberNumber\":\"" + KioskAgent.Central.Members.MemberDatasetGenerator.MemberNumber(1) + "\"}";

        await probe.PublishAsync("kiosk/v1/site-a/kiosk-a/members/query", query, configure: b => b.WithResponseTopic("kiosk/v1/site-b/kiosk-b/members/answer").WithCorrelationData([1]));
        await probe.PublishAsync("kiosk/v1/site-a/kiosk-a/members/query", query, configure: b => b.WithResponseTopic("kiosk/v1/site-a/kiosk-a/members/answer").WithCorrelationData([2]));

        await Eventually.TrueAsync(() => probe.Messages.Count == 1 && members.RefusedQueries == 1, "one answer, one refusal");
        Assert.Equal("kiosk/v1/site-a/kiosk-a/members/answer", probe.Messages[0].Topic);
    }

    [Fact]
    public async Task AKioskRenamedWithTransactionsInItsOutbox_GetsThemRejectedAsInvalid_AndItsOutboxEmpties()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });
        var before = new AgentSettings { BrokerPort = FreePort.Next(), Demo = true };
        await using (var agent = await AgentProcess.StartAsync(before))
        {
            await agent.TapForAnswerAsync("04A1B2C3D4E5F6");
        }

        // The same kiosk, renamed, now reaching central: its queued transaction names the old id.
        var after = before with { KioskId = $"{before.KioskId}-renamed", BrokerPort = broker.Port };
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, HealthReports.Topic(after));
        await using (var agent = await AgentProcess.StartAsync(after))
        {
            await Eventually.TrueAsync(() => new JournalFile(after.DataDirectory).Pending() == 0, "the old transaction settled");
            await Eventually.TrueAsync(() => HealthReports.Latest(probe)?.Counter("outbox.rejected.card_tap.invalid_transaction") == 1, "the rejection counted in health");
        }

        var journal = new JournalFile(after.DataDirectory);
        var id = Assert.Single(journal.Ids()).Value;
        Assert.Equal(("rejected", TransactionLedger.InvalidTransaction), journal.Outcome(id));
        var stored = Assert.Single(central.Transactions.Store.For(new KioskKey(after.SiteId, after.KioskId)));
        Assert.Equal(TransactionLedger.InvalidTransaction, stored.Reason);
    }

    [Fact]
    public async Task AReplacedJournal_StartsANewSequenceSpace_AndIsAcknowledgedContiguouslyAgain()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });
        var settings = new AgentSettings { BrokerPort = broker.Port, Demo = true, Extra = new Dictionary<string, string> { ["Taps__SameCardDebounceMs"] = "0" } };
        var kiosk = new KioskKey(settings.SiteId, settings.KioskId);
        await using (var agent = await AgentProcess.StartAsync(settings))
        {
            for (var i = 0; i < 3; i++)
            {
                await agent.TapForAnswerAsync("04A1B2C3D4E5F6");
            }

            await Eventually.TrueAsync(() => new JournalFile(settings.DataDirectory).Pending() == 0, "the first journal acknowledged");
        }

        // A new disk: the journal is gone, the kiosk starts again at sequence 1.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(settings.DataDirectory, "journal.db*"))
        {
            File.Delete(file);
        }

        await using (var agent = await AgentProcess.StartAsync(settings))
        {
            await agent.TapForAnswerAsync("04A1B2C3D4E5F6");
            await agent.TapForAnswerAsync("5A6B7C8D");
            await Eventually.TrueAsync(() => new JournalFile(settings.DataDirectory).Pending() == 0, "the new journal acknowledged");
        }

        var store = central.Transactions.Store;
        Assert.Equal(5, store.For(kiosk).Count);
        Assert.Equal(2, store.Journals(kiosk).Count);
        Assert.False(store.HasSequenceConflicts(kiosk));
        Assert.Equal(2UL, store.Contiguous(kiosk));
        Assert.Empty(store.Gaps(kiosk));
    }

    [Fact]
    public async Task ABatch_IsStoredTransactionByTransaction_AForeignOneIsRejectedAlone_AndABrokenBatchIsRefusedWhole()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });
        await using var probe = await MqttProbe.ConnectAsync(broker.Port, "kiosk/v1/site-b/kiosk-b/ack");
        var kiosk = new KioskKey("site-b", "kiosk-b");
        static string Tx(int sequence, string kioskId) =>
            "{\"id\":\"" + Guid.CreateVersion7() + "\",\"kioskId\":\"" + kioskId + "\",\"siteId\":\"site-b\",\"sequence\":\"" + sequence
            + "\",\"occurredAt\":\"2026-11-22T10:00:00Z\",\"cardTap\":{\"readerId\":\"member-1\",\"cardUid\":\"04A1B2C3D4E5F6\",\"accepted\":true}}";
        static void Batch(MQTTnet.MqttApplicationMessageBuilder b) => b.WithUserProperty("schema", System.Text.Encoding.UTF8.GetBytes("kiosk.v1.TransactionBatch"));

        await probe.PublishAsync("kiosk/v1/site-b/kiosk-b/tx", $$"""{"transactions":[{{Tx(1, "kiosk-b")}},{{Tx(2, "kiosk-b")}},{{Tx(3, "someone-else")}}]}""", configure: Batch);
        await Eventually.TrueAsync(() => central.Transactions.Store.Contiguous(kiosk) == 3 && probe.Messages.Count > 0, "the batch stored and acknowledged");
        Assert.Equal(3, central.Transactions.Received);
        Assert.Equal(1, central.Transactions.Malformed);
        Assert.Equal(3, central.Transactions.Store.For(kiosk).Count());

        // The element naming another kiosk is answered, as rejected: the kiosk settles it instead of
        // sending it forever, and its sequence leaves no gap.
        var ack = System.Text.Json.JsonDocument.Parse(probe.Messages[^1].Payload).RootElement;
        Assert.Equal("3", ack.GetProperty("contiguousSequence").GetString());
        var rejected = Assert.Single(ack.GetProperty("results").EnumerateArray());
        Assert.Equal("3", rejected.GetProperty("sequence").GetString());
        Assert.Equal("TRANSACTION_OUTCOME_REJECTED", rejected.GetProperty("outcome").GetString());
        Assert.Equal(TransactionLedger.InvalidTransaction, rejected.GetProperty("reason").GetString());

        await probe.PublishAsync("kiosk/v1/site-b/kiosk-b/tx", $$"""{"transactions":[{{Tx(3, "kiosk-b")}},{"id":""", configure: Batch);
        await probe.PublishAsync("kiosk/v1/site-b/kiosk-b/tx", """{"transactions":[]}""", configure: Batch);
        await probe.PublishAsync("kiosk/v1/site-b/kiosk-b/tx", Tx(3, "kiosk-b"), configure: Batch);
        await Eventually.TrueAsync(() => central.Transactions.Malformed == 4, "the broken, empty and mislabelled batches refused");
        Assert.Equal(3, central.Transactions.Store.For(kiosk).Count());
    }
}
