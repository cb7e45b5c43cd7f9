using System.Text.Json;
using KioskAgent.Central;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>The agent against a real mosquitto on loopback: presence, heartbeat and the wire format.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CentralLinkTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Tap_ReachesCentralOnce_AsProtoJsonWithTheContractProperties()
    {
        // One transaction per message here, whatever the timing: this test reads the single-message shape.
        var settings = new AgentSettings { BrokerPort = _broker.Port, Demo = true, Extra = new Dictionary<string, string> { ["Central__OutboxBatchMax"] = "1" } };
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/tx");
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });
        await using var agent = await AgentProcess.StartAsync(settings);

        await agent.TapAsync("04A1B2C3D4E5F6");
        await agent.TapAsync("DEADBEEF");
        await Eventually.TrueAsync(() => new JournalFile(settings.DataDirectory).Pending() == 0 && central.Transactions.Store.Count == 2, "both transactions acknowledged by central");

        var transactions = TxMessages.Elements(probe.Messages);
        Assert.Equal(2, transactions.Count);
        Assert.Equal(["1", "2"], transactions.Select(t => t.GetProperty("sequence").GetString()));
        var first = transactions[0].GetProperty("cardTap");
        Assert.Equal("04A1B2C3D4E5F6", first.GetProperty("cardUid").GetString());
        Assert.Equal("80001001", first.GetProperty("memberNumber").GetString());
        Assert.True(first.GetProperty("accepted").GetBoolean());
        Assert.Equal("card_lost", transactions[1].GetProperty("cardTap").GetProperty("refusalReason").GetString());
        Assert.All(probe.Messages, m => Assert.DoesNotContain("王小明", m.Payload, StringComparison.Ordinal));
        var message = probe.Messages[0];
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("kiosk.v1.Transaction", message.UserProperty("schema"));
        Assert.Equal("1", message.UserProperty("schema-version"));
        Assert.Equal("card_tap", message.UserProperty("kind"));
        Assert.Equal(transactions[0].GetProperty("id").GetString(), message.UserProperty("tx-id"));
        Assert.Equal(0, central.Transactions.Store.Duplicates);
    }

    [Fact]
    public async Task Birth_IsARetainedOnline_WithASessionSeqThatGrowsWithEveryConnect()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port };
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, StateTopic(settings));
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        ulong first;

        await using (var agent = await AgentProcess.StartAsync(settings))
        {
            var online = await Eventually.ValueAsync(() => probe.Messages.LastOrDefault(m => State(m) == "online"), "the online state");
            first = Seq(online);
            Assert.Equal("connected", Field(online, "reason"));
            Assert.Equal("kiosk.v1.KioskState", online.UserProperty("schema"));
            await agent.StopAsync();
        }

        // The clock floor (docs/mqtt-contract.md, State): a new journal starts at the time of the connect in ms.
        Assert.InRange(first, (ulong)before, (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await using var restarted = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
        var again = await Eventually.ValueAsync(() => probe.Messages.LastOrDefault(m => State(m) == "online" && Seq(m) > first), "online with a higher session sequence");
        Assert.NotNull(Field(again, "session"));
    }

    [Fact]
    public async Task Death_OnKill9_TheWillSaysOffline_AfterTheWillDelay_WithTheSessionSeqOfTheLostConnection()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port, Extra = new Dictionary<string, string> { ["Central__WillDelaySeconds"] = "1" } };
        var stateTopic = StateTopic(settings);
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, stateTopic);
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });

        var agent = await AgentProcess.StartAsync(settings);
        var online = await Eventually.ValueAsync(() => probe.Messages.LastOrDefault(m => State(m) == "online"), "the online state");
        await Eventually.TrueAsync(() => central.Presence.Get(new KioskKey(settings.SiteId, settings.KioskId))?.Online == true, "central to see the kiosk online");

        await agent.KillAsync();
        var will = await Eventually.ValueAsync(() => probe.Messages.LastOrDefault(m => State(m) == "offline"), "the last will");
        await agent.DisposeAsync();

        Assert.Equal("connection_lost", Field(will, "reason"));
        Assert.Equal(Field(online, "sessionSeq"), Field(will, "sessionSeq"));
        Assert.Equal(Field(online, "session"), Field(will, "session"));
        await Eventually.TrueAsync(() => central.Presence.Get(new KioskKey(settings.SiteId, settings.KioskId))?.Online == false, "central to see the kiosk offline");

        // Retained: a watcher that connects now still sees it.
        await using var late = await MqttProbe.ConnectAsync(_broker.Port, stateTopic);
        var retained = await Eventually.ValueAsync(() => late.Messages.FirstOrDefault(), "the retained state");
        Assert.True(retained.Retain);
        Assert.Equal("offline", State(retained));
    }

    [Fact]
    public async Task ShortBlip_AKioskBackWithinTheWillDelay_NeverShowsOffline()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port, Extra = new Dictionary<string, string> { ["Central__WillDelaySeconds"] = "120" } };
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, StateTopic(settings));
        var agent = await AgentProcess.StartAsync(settings);
        var first = Seq(await Eventually.ValueAsync(() => probe.Messages.FirstOrDefault(m => State(m) == "online"), "online"));

        await agent.KillAsync();
        await agent.DisposeAsync();
        await using var restarted = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
        await Eventually.TrueAsync(() => probe.Messages.Any(m => State(m) == "online" && Seq(m) > first), "online again");
        // The resumed session cancels the first connection's pending will: give it every chance to show up.
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.DoesNotContain(probe.Messages, m => State(m) == "offline");
    }

    [Fact]
    public async Task StaleDeath_AnOfflineFromAnOlderSession_IsIgnoredByCentral()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port };
        var kiosk = new KioskKey(settings.SiteId, settings.KioskId);
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", _broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer });
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, StateTopic(settings));
        ulong firstSeq;
        await using (var first = await AgentProcess.StartAsync(settings))
        {
            firstSeq = (await Eventually.ValueAsync(() => central.Presence.Get(kiosk) is { Online: true } p ? p : null, "the first session online")).SessionSeq;
            await first.StopAsync();
        }

        await using var agent = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
        await Eventually.TrueAsync(() => central.Presence.Get(kiosk) is { Online: true } p && p.SessionSeq > firstSeq, "the second session online");

        // What a last will of session 1 looks like when the broker delivers it late.
        var staleWill = probe.Messages.First(m => State(m) == "offline").Payload.Replace("\"shutdown\"", "\"connection_lost\"", StringComparison.Ordinal);
        await probe.PublishAsync(StateTopic(settings), staleWill, retain: true);

        await Eventually.TrueAsync(() => central.Presence.StaleIgnored == 1, "the stale will to be seen and ignored");
        Assert.True(central.Presence.Get(kiosk)!.Online);
    }

    [Fact]
    public async Task State_OnOrderlyStop_IsOfflineWithReasonShutdown()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port };
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, StateTopic(settings));
        await using var agent = await AgentProcess.StartAsync(settings);
        var online = await Eventually.ValueAsync(() => probe.Messages.FirstOrDefault(m => State(m) == "online"), "online");

        await agent.StopAsync();

        var offline = await Eventually.ValueAsync(() => probe.Messages.LastOrDefault(m => State(m) == "offline"), "offline on stop");
        Assert.Equal("shutdown", Field(offline, "reason"));
        Assert.Equal(Field(online, "sessionSeq"), Field(offline, "sessionSeq"));
        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task State_OnOrderlyStop_WithTheScreenStreamOpen_EndsTheStreamAndIsAnnounced()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port };
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, StateTopic(settings));
        await using var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => probe.Messages.Any(m => State(m) == "online"), "online");
        using var stream = new Contracts.V1.KioskUi.KioskUiClient(agent.Channel).WatchScreen(new Contracts.V1.WatchScreenRequest());
        Assert.True(await stream.ResponseStream.MoveNext(CancellationToken.None), "the screen stream is open");

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await agent.StopAsync();
        stopping.Stop();

        // A screen stream used to hold the stop for the host's whole 30 s timeout, too late to announce it.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"the agent took {stopping.Elapsed.TotalSeconds:F1} s to stop");
        var offline = await Eventually.ValueAsync(() => probe.Messages.LastOrDefault(m => State(m) == "offline"), "offline on stop");
        Assert.Equal("shutdown", Field(offline, "reason"));
        Assert.False(await stream.ResponseStream.MoveNext(CancellationToken.None), "the stream ended cleanly");
    }

    [Fact]
    public async Task Heartbeat_HealthIsPublishedRetained_EveryTelemetryPeriod_WithDevicesAndOutbox()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port, Demo = true, Extra = new Dictionary<string, string> { ["Central__TelemetrySeconds"] = "1" } };
        await using var agent = await AgentProcess.StartAsync(settings);
        await agent.TapAsync("04A1B2C3D4E5F6");

        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/health");
        await Eventually.TrueAsync(() => probe.Messages.Count >= 3, "three health reports");

        var reports = probe.Messages.Take(3).ToList();
        Assert.True(reports[0].Retain);
        Assert.Equal("kiosk.v1.HealthReport", reports[0].UserProperty("schema"));
        var at = reports.Select(r => JsonDocument.Parse(r.Payload).RootElement.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.True(at[0] < at[1] && at[1] < at[2], "each heartbeat is a new report");
        var json = JsonDocument.Parse(reports[^1].Payload).RootElement;
        Assert.Equal(settings.KioskId, json.GetProperty("kioskId").GetString());
        Assert.Equal("1", json.GetProperty("outboxPending").GetString());
        var reader = json.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("deviceId").GetString() == "member-1");
        Assert.Equal("DEVICE_STATE_OK", reader.GetProperty("state").GetString());
    }

    private static string StateTopic(AgentSettings settings) => $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/state";

    private static string? State(ReceivedMessage m) => Field(m, "state");

    private static ulong Seq(ReceivedMessage m) => ulong.Parse(Field(m, "sessionSeq") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Field(ReceivedMessage m, string name) =>
        JsonDocument.Parse(m.Payload).RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
}
