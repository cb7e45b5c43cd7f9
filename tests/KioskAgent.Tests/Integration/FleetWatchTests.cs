using System.Text.Json;
using KioskAgent.Tests.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace KioskAgent.Tests.Integration;

/// <summary>`kioskctl fleet watch` and `fleet cmd`, the real binary, against a real mosquitto.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class FleetWatchTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;

    private string Broker => $"127.0.0.1:{_broker.Port}";

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task WatchOnce_ShowsKiosksFromTheirRetainedStateAndHealth_WithFaultsAndOffline()
    {
        var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await PublishRetainedAsync(
            ("kiosk/v1/site-a/k1/state", $$"""{"state":"online","kioskId":"k1","siteId":"site-a","session":"s","sessionSeq":"4","agentVersion":"0.1.0","reason":"connected","at":"{{now}}"}"""),
            ("kiosk/v1/site-a/k1/health", $$$"""{"kioskId":"k1","siteId":"site-a","agentVersion":"0.1.0","at":"{{{now}}}","outboxPending":"7","devices":[{"deviceId":"receipt-printer","kind":"printer","driver":"escpos","state":"DEVICE_STATE_FAULT","reason":"paper_end"}],"counters":{"taps.refused.card_lost":"2"}}"""),
            ("kiosk/v1/site-b/k2/state", """{"state":"offline","kioskId":"k2","siteId":"site-b","session":"s","sessionSeq":"9","agentVersion":"0.1.0","reason":"connection_lost","at":"2026-11-22T10:00:00Z"}"""),
            ("kiosk/v1/site-b/k3/state", "not json"));

        var (exitCode, output) = await KioskctlProcess.RunAsync(["fleet", "watch", "--broker", Broker, "--once"]);

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("1 malformed messages ignored", lines[0], StringComparison.Ordinal);
        var k1 = Assert.Single(lines, l => l.StartsWith("site-a", StringComparison.Ordinal));
        Assert.Equal(["site-a", "k1", "online"], k1.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..3]);
        Assert.Contains(" 7 ", k1, StringComparison.Ordinal);
        Assert.EndsWith("receipt-printer paper_end", k1, StringComparison.Ordinal);
        var k2 = Assert.Single(lines, l => l.StartsWith("site-b", StringComparison.Ordinal));
        Assert.Equal(["site-b", "k2", "offline"], k2.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..3]);
        Assert.EndsWith("connection_lost", k2, StringComparison.Ordinal);
        Assert.Equal("2 kiosks, 1 online, 1 offline, 1 with faults, backlog 7", lines[^1]);
    }

    [Fact]
    public async Task WatchOnce_FaultsOnlyAsJson_ListsOnlyTheKioskWithTheFault()
    {
        await PublishRetainedAsync(
            ("kiosk/v1/site-a/k1/health", """{"devices":[{"deviceId":"receipt-printer","kind":"printer","state":"DEVICE_STATE_FAULT","reason":"paper_end"}]}"""),
            ("kiosk/v1/site-a/k2/health", """{"devices":[{"deviceId":"receipt-printer","kind":"printer","state":"DEVICE_STATE_OK"}]}"""));

        var (exitCode, output) = await KioskctlProcess.RunAsync(["fleet", "watch", "--broker", Broker, "--once", "--faults-only", "--json"]);

        Assert.Equal(0, exitCode);
        var snapshot = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, snapshot.GetProperty("summary").GetProperty("kiosks").GetInt32());
        var kiosk = Assert.Single(snapshot.GetProperty("kiosks").EnumerateArray());
        Assert.Equal("k1", kiosk.GetProperty("kioskId").GetString());
        Assert.Equal("paper_end", kiosk.GetProperty("problems")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task WatchOnce_ShowsARealAgent_OnlineWithItsVersion()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port, Demo = true };
        await using var agent = await AgentProcess.StartAsync(settings);
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/health");
        await Eventually.TrueAsync(() => probe.Messages.Count > 0, "the agent's health report");

        var (exitCode, output) = await KioskctlProcess.RunAsync(["fleet", "watch", "--broker", Broker, "--once", "--site", settings.SiteId]);

        Assert.Equal(0, exitCode);
        var row = Assert.Single(output.Split('\n'), l => l.StartsWith(settings.SiteId, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([settings.SiteId, settings.KioskId, "online"], row[..3]);
        Assert.Matches(@"^\d+\.\d+\.\d+", row[4]);
    }

    [Fact]
    public async Task Watch_BrokerNotThere_ExitsWithUnreachable()
    {
        var (exitCode, output) = await KioskctlProcess.RunAsync(["fleet", "watch", "--broker", $"127.0.0.1:{FreePort.Next()}", "--once"]);

        Assert.Equal(4, exitCode);
        Assert.Contains("cannot reach broker", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cmd_ToAKioskThatNeverAnswers_TimesOutWithExitCode3_AndSaysWhatTheBrokerKnows()
    {
        await PublishRetainedAsync(("kiosk/v1/site-a/k1/state", """{"state":"offline","kioskId":"k1","siteId":"site-a","sessionSeq":"3","reason":"connection_lost","at":"2026-11-22T10:00:00Z"}"""));

        var (exitCode, output) = await KioskctlProcess.RunAsync(["fleet", "cmd", "--broker", Broker, "--kiosk", "site-a/k1", "--name", "ping", "--timeout", "5s"]);

        Assert.Equal(3, exitCode);
        Assert.Contains("no answer from site-a/k1 to ping within 5s", output, StringComparison.Ordinal);
        Assert.Contains("offline (connection_lost)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cmd_ToARealAgent_PingIsOk_AndAnUnknownCommandIsAnErrorWithExitCode1()
    {
        var settings = new AgentSettings { BrokerPort = _broker.Port };
        await using var probe = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/state");
        await using var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => probe.Messages.Any(m => m.Payload.Contains("\"online\"", StringComparison.Ordinal)), "the agent online");
        var kiosk = $"{settings.SiteId}/{settings.KioskId}";

        var (pingExit, ping) = await KioskctlProcess.RunAsync(["fleet", "cmd", "--broker", Broker, "--kiosk", kiosk, "--name", "ping", "--timeout", "30s", "--signing-key", TestCentralKey.PrivateKeyFile]);
        var (jsonExit, json) = await KioskctlProcess.RunAsync(["fleet", "cmd", "--broker", Broker, "--kiosk", kiosk, "--name", "ping", "--timeout", "30s", "--json", "--signing-key", TestCentralKey.PrivateKeyFile]);
        var (unknownExit, unknown) = await KioskctlProcess.RunAsync(["fleet", "cmd", "--broker", Broker, "--kiosk", kiosk, "--name", "warp_drive", "--timeout", "30s", "--signing-key", TestCentralKey.PrivateKeyFile]);

        Assert.True(pingExit == 0, ping);
        Assert.Contains($"ping on {kiosk}: ok", ping, StringComparison.Ordinal);
        Assert.True(jsonExit == 0, json);
        var answer = JsonDocument.Parse(json).RootElement;
        Assert.True(answer.GetProperty("ok").GetBoolean());
        Assert.Equal("ping", answer.GetProperty("name").GetString());
        Assert.True(unknownExit == 1, unknown);
        Assert.Contains($"warp_drive on {kiosk}: error unknown_command", unknown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("site-a", "--kiosk must be site/kiosk")]
    [InlineData("site-a/k+1", "--kiosk must be site/kiosk")]
    public async Task Cmd_WithABadKioskAddress_IsAUsageError(string kiosk, string message)
    {
        var (exitCode, output) = await KioskctlProcess.RunAsync(["fleet", "cmd", "--broker", Broker, "--kiosk", kiosk, "--name", "ping"]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    private async Task PublishRetainedAsync(params (string Topic, string Payload)[] messages)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithProtocolVersion(MqttProtocolVersion.V500).Build());
        foreach (var (topic, payload) in messages)
        {
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(true).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        await client.DisconnectAsync();
    }
}
