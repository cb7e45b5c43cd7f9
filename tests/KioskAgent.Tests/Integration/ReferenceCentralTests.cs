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
    public async Task ABatch_IsStoredTransactionByTransaction_AForeignOneIsRefusedAlone_AndABrokenBatchIsRefusedWhole()
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
        await Eventually.TrueAsync(() => central.Transactions.Store.Contiguous(kiosk) == 2 && probe.Messages.Count > 0, "the two transactions of that kiosk stored and acknowledged");
        Assert.Equal(3, central.Transactions.Received);
        Assert.Equal(1, central.Transactions.Malformed);
        Assert.Equal(2, central.Transactions.Store.For(kiosk).Count());
        Assert.Equal("2", System.Text.Json.JsonDocument.Parse(probe.Messages[^1].Payload).RootElement.GetProperty("contiguousSequence").GetString());

        await probe.PublishAsync("kiosk/v1/site-b/kiosk-b/tx", $$"""{"transactions":[{{Tx(3, "kiosk-b")}},{"id":""", configure: Batch);
        await probe.PublishAsync("kiosk/v1/site-b/kiosk-b/tx", """{"transactions":[]}""", configure: Batch);
        await probe.PublishAsync("kiosk/v1/site-b/kiosk-b/tx", Tx(3, "kiosk-b"), configure: Batch);
        await Eventually.TrueAsync(() => central.Transactions.Malformed == 4, "the broken, empty and mislabelled batches refused");
        Assert.Equal(2, central.Transactions.Store.For(kiosk).Count());
    }
}
