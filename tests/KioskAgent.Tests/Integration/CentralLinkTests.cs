using System.Text.Json;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>The agent against a real mosquitto on loopback.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CentralLinkTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Tap_ReachesTheBrokerExactlyOnce_WithAUniqueId()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port, Demo = true };
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/tx");
        await using var agent = await AgentProcess.StartAsync(settings);

        await agent.TapAsync("04A1B2C3D4E5F6");
        await agent.TapAsync("DEADBEEF");
        await Eventually.TrueAsync(() => probe.Messages.Count >= 2, "two transactions on the broker");
        // Give a duplicate every chance to show up before counting.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var transactions = probe.Messages.Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        Assert.Equal(2, transactions.Count);
        Assert.Equal(2, transactions.Select(t => t.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(["1", "2"], transactions.Select(t => t.GetProperty("sequence").GetString()));
        var first = transactions[0].GetProperty("cardTap");
        Assert.Equal("04A1B2C3D4E5F6", first.GetProperty("cardUid").GetString());
        Assert.Equal("80001001", first.GetProperty("memberNumber").GetString());
        Assert.True(first.GetProperty("accepted").GetBoolean());
        Assert.Equal("card_lost", transactions[1].GetProperty("cardTap").GetProperty("refusalReason").GetString());
        Assert.All(probe.Messages, m => Assert.DoesNotContain("王小明", m.Payload, StringComparison.Ordinal));
    }

    [Fact]
    public async Task State_IsOnline_TurnsOfflineByLastWillOnKill9_AndOnlineAgainAfterRestart()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port };
        var stateTopic = $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/state";
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, stateTopic);

        var agent = await AgentProcess.StartAsync(settings);
        var online = await Eventually.ValueAsync(() => probe.Messages.LastOrDefault(), "the online state");
        Assert.Equal("online", State(online));

        await agent.KillAsync();
        var will = await Eventually.ValueAsync(() => probe.Messages.LastOrDefault(m => State(m) == "offline"), "the last will");
        Assert.Equal("connection_lost", Reason(will));
        await agent.DisposeAsync();

        // The offline state is retained: a watcher that connects now still sees it.
        await using (var late = await MqttProbe.ConnectAsync(_broker.Port, stateTopic))
        {
            var retained = await Eventually.ValueAsync(() => late.Messages.FirstOrDefault(), "the retained state");
            Assert.True(retained.Retain);
            Assert.Equal("offline", State(retained));
        }

        await using var restarted = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
        var back = await Eventually.ValueAsync(() => probe.Messages.LastOrDefault(m => State(m) == "online" && m.ReceivedAt > will.ReceivedAt), "online after restart");
        Assert.NotEqual(Session(online), Session(back));
    }

    [Fact]
    public async Task State_OnOrderlyStop_IsOfflineWithReasonShutdown()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port };
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/state");
        await using var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => probe.Messages.Any(m => State(m) == "online"), "online");

        await agent.StopAsync();

        var offline = await Eventually.ValueAsync(() => probe.Messages.LastOrDefault(m => State(m) == "offline"), "offline on stop");
        Assert.Equal("shutdown", Reason(offline));
        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Health_IsPublishedRetained_WithDevicesAndOutboxBacklog()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port, Demo = true };
        await using var agent = await AgentProcess.StartAsync(settings);
        await agent.TapAsync("04A1B2C3D4E5F6");

        // A watcher connecting later still gets the last report: it is retained.
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/health");
        var report = await Eventually.ValueAsync(() => probe.Messages.FirstOrDefault(), "a retained health report");

        var json = JsonDocument.Parse(report.Payload).RootElement;
        Assert.True(report.Retain);
        Assert.Equal(settings.KioskId, json.GetProperty("kioskId").GetString());
        var reader = json.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("deviceId").GetString() == "member-1");
        Assert.Equal("card_reader", reader.GetProperty("kind").GetString());
        Assert.Equal("DEVICE_STATE_OK", reader.GetProperty("state").GetString());
        Assert.True(json.TryGetProperty("uptimeSeconds", out _) || json.TryGetProperty("at", out _));
    }

    private static string? State(ReceivedMessage m) => Field(m, "state");

    private static string? Reason(ReceivedMessage m) => Field(m, "reason");

    private static string? Session(ReceivedMessage m) => Field(m, "session");

    private static string? Field(ReceivedMessage m, string name) =>
        JsonDocument.Parse(m.Payload).RootElement.GetProperty(name).GetString();
}
