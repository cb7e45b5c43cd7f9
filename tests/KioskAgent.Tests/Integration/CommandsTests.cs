using System.Text;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using MQTTnet;

namespace KioskAgent.Tests.Integration;

/// <summary>Commands from central to a real agent through a real mosquitto (docs/mqtt-contract.md, "Commands").</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CommandsTests(CommandsTests.Fixture fixture) : IClassFixture<CommandsTests.Fixture>
{
    private AgentSettings Settings => fixture.Agent.Settings;

    private string Base => $"kiosk/v1/{Settings.SiteId}/{Settings.KioskId}";

    [Fact]
    public async Task Ping_IsAnswered_WithVersionSessionAndUptime()
    {
        var result = await fixture.Central.SendAsync(Settings, "ping");

        Assert.True(result.Ok, result.Message);
        Assert.Equal(("ping", Settings.KioskId), (result.Name, result.KioskId));
        Assert.Equal("0.1.0", result.Data["agent_version"]);
        Assert.True(Guid.TryParse(result.Data["session"], out var session) && session.Version == 7);
        Assert.True(long.Parse(result.Data["uptime_seconds"], System.Globalization.CultureInfo.InvariantCulture) >= 0);
    }

    [Fact]
    public async Task SyncNow_IsAnsweredOk_AndSendsCentralAResyncRequestAtOnce()
    {
        var topic = $"{Base}/members/resync";
        await fixture.Central.WatchAsync(topic);
        var before = fixture.Central.On(topic).Count();

        var result = await fixture.Central.SendAsync(Settings, "sync_now");

        Assert.True(result.Ok, result.Message);
        Assert.Equal("sync_now", result.Name);
        Assert.True(result.Data.ContainsKey("have_version"));
        var request = await Eventually.ValueAsync(
            () => fixture.Central.On(topic).Skip(before).Select(m => Google.Protobuf.JsonParser.Default.Parse<ResyncRequest>(System.Text.Encoding.UTF8.GetString(m.Payload))).FirstOrDefault(r => r.Reason == "command"),
            "a resync request for the command");
        Assert.Equal(ulong.Parse(result.Data["have_version"], System.Globalization.CultureInfo.InvariantCulture), request.HaveVersion);
    }

    [Fact]
    public async Task AnUnknownCommand_IsAnsweredUnknownCommand()
    {
        var result = await fixture.Central.SendAsync(Settings, "format_disk");

        Assert.Equal((false, "unknown_command"), (result.Ok, result.Error));
        Assert.Contains("ping", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "malformed")]
    [InlineData("""{"id": 5, "name": ["ping"]}""", "malformed")]
    [InlineData("""{"id": "a", "name": "ping", "surprise": true}""", "malformed")]
    [InlineData("""{"name": "ping"}""", "malformed")]
    [InlineData("""{"id": "has spaces and\nnewlines", "name": "ping"}""", "malformed")]
    [InlineData("""[1, 2, 3]""", "malformed")]
    public async Task MalformedCommands_AreAnsweredMalformed_AndDeadLettered(string payload, string error)
    {
        var answer = await SendRawAsync(Encoding.UTF8.GetBytes(payload));

        Assert.Equal((false, error), (answer.Ok, answer.Error));
    }

    [Fact]
    public async Task BinaryGarbage_OversizedPayloads_AndUnknownSchemaVersions_AreAnsweredWithTheirReason()
    {
        var garbage = await SendRawAsync([0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x80]);
        var huge = await SendRawAsync(Encoding.UTF8.GetBytes("{\"id\":\"x\",\"name\":\"ping\",\"args\":{\"a\":\"" + new string('a', 70_000) + "\"}}"));
        var version2 = await SendRawAsync(Encoding.UTF8.GetBytes("""{"id":"v2","name":"ping"}"""), b => b.WithUserProperty("schema-version", "2"u8.ToArray().AsMemory()));

        Assert.Equal(["malformed", "oversized", "unknown_schema_version"], new[] { garbage.Error, huge.Error, version2.Error });
    }

    [Fact]
    public async Task ACommandWithoutAResponseTopicBelowReply_IsNotAnsweredAnywhere_AndIsDeadLettered()
    {
        var before = DeadLetters.Count(Settings.DataDirectory, "command", "bad_response_topic");
        var elsewhere = $"kiosk/v1/{Settings.SiteId}/other-kiosk/reply/x";
        await using var probe = await MqttProbe.ConnectAsync(fixture.Broker.Port, "#");

        await fixture.Central.PublishRawAsync($"{Base}/cmd", """{"id":"r1","name":"ping"}""", b => b.WithResponseTopic(elsewhere).WithCorrelationData([1]));
        await fixture.Central.PublishRawAsync($"{Base}/cmd", """{"id":"r2","name":"ping"}""", b => b.WithResponseTopic($"{Base}/reply/#").WithCorrelationData([2]));
        await fixture.Central.PublishRawAsync($"{Base}/cmd", """{"id":"r3","name":"ping"}""");

        await Eventually.TrueAsync(() => DeadLetters.Count(Settings.DataDirectory, "command", "bad_response_topic") == before + 3, "three bad_response_topic dead letters");
        Assert.DoesNotContain(probe.Messages, m => m.Topic.Contains("/reply/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACommandWithoutCorrelationData_IsAnsweredBadCorrelationData_NamingTheCommand()
    {
        var replyTopic = $"{Base}/reply/nocorr-{Guid.NewGuid():N}";
        await using var probe = await MqttProbe.ConnectAsync(fixture.Broker.Port, replyTopic);

        await fixture.Central.PublishRawAsync($"{Base}/cmd", """{"id":"nocorr-1","name":"ping"}""", b => b.WithResponseTopic(replyTopic));

        var reply = await Eventually.ValueAsync(() => probe.Messages.FirstOrDefault(), "an answer on the response topic");
        var answer = Google.Protobuf.JsonParser.Default.Parse<KioskCommandResult>(reply.Payload);
        Assert.Equal((false, "bad_correlation_data", "nocorr-1", "ping"), (answer.Ok, answer.Error, answer.Id, answer.Name));
    }

    [Fact]
    public async Task ARefusedSetConfig_IsAnsweredWithItsError_AndDeadLetteredLikeAnyRefusedMessage()
    {
        var before = DeadLetters.Count(Settings.DataDirectory, "set_config", "not_allowed");

        var answer = await fixture.Central.SendAsync(Settings, "set_config", new Dictionary<string, string> { ["Central:Host"] = "evil.example" });

        Assert.Equal((false, "not_allowed"), (answer.Ok, answer.Error));
        await Eventually.TrueAsync(() => DeadLetters.Count(Settings.DataDirectory, "set_config", "not_allowed") == before + 1, "the refusal in the dead-letter log");
    }

    [Fact]
    public async Task ARepeatedCommandId_IsAnsweredFromTheFirstResult_WithoutRunningAgain()
    {
        var first = new KioskCommand { Id = Guid.CreateVersion7().ToString(), Name = "set_config" };
        first.Args["Taps:SameCardDebounceMs"] = "350";
        var applied = await fixture.Central.SendAsync(Settings, first.Clone());
        await fixture.Central.SendAsync(Settings, "set_config", new Dictionary<string, string> { ["Taps:SameCardDebounceMs"] = "360" });

        var replayed = await fixture.Central.SendAsync(Settings, first.Clone());

        Assert.True(applied.Ok, applied.Message);
        Assert.Equal(applied, replayed);
        var now = await fixture.Central.SendAsync(Settings, "set_config", new Dictionary<string, string> { ["Taps:SameCardDebounceMs"] = "" });
        Assert.True(now.Ok);
        await Eventually.TrueAsync(() => DeadLetters.Count(Settings.DataDirectory, "command", "replayed") >= 1, "the replay dead-lettered");
    }

    [Fact]
    public async Task FetchLogs_ReturnsRecentLines_WithoutNamesOrPhoneNumbers()
    {
        await fixture.Agent.TapAsync("04A1B2C3D4E5F6"); // 王小明, 13812345678, member 80001001
        await fixture.Agent.TapAsync("DEADBEEF");

        var result = await fixture.Central.SendAsync(Settings, "fetch_logs", new Dictionary<string, string> { ["lines"] = "1000" });

        Assert.True(result.Ok, result.Message);
        Assert.Contains(result.Lines, l => l.Contains("KioskAgent.", StringComparison.Ordinal));
        var all = string.Join("\n", result.Lines);
        foreach (var personal in new[] { "王小明", "13812345678", "80001001", "李娜", "13900001111" })
        {
            Assert.DoesNotContain(personal, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FetchLogs_RefusesABadLineCount()
    {
        var result = await fixture.Central.SendAsync(Settings, "fetch_logs", new Dictionary<string, string> { ["lines"] = "lots" });

        Assert.Equal((false, "bad_argument"), (result.Ok, result.Error));
    }

    [Fact]
    public async Task SelfTest_ReportsAKnownDevice_AndRefusesAnUnknownOne()
    {
        var reader = await fixture.Central.SendAsync(Settings, "self_test", new Dictionary<string, string> { ["device"] = "member-1" });
        var unknown = await fixture.Central.SendAsync(Settings, "self_test", new Dictionary<string, string> { ["device"] = "no-such-device" });
        var missing = await fixture.Central.SendAsync(Settings, "self_test");

        Assert.True(reader.Ok, reader.Message);
        Assert.Equal(("card_reader", "ok"), (reader.Data["kind"], reader.Data["state"]));
        Assert.Equal((false, "device_not_found"), (unknown.Ok, unknown.Error));
        Assert.Equal((false, "bad_argument"), (missing.Ok, missing.Error));
    }

    /// <summary>Publishes raw bytes as a command with a proper response topic and correlation data; returns the answer.</summary>
    private async Task<KioskCommandResult> SendRawAsync(byte[] payload, Action<MqttApplicationMessageBuilder>? configure = null)
    {
        var correlation = Guid.NewGuid().ToByteArray();
        var replyTopic = $"{Base}/reply/raw-{Guid.NewGuid():N}";
        await using var probe = await MqttProbe.ConnectAsync(fixture.Broker.Port, replyTopic);
        await fixture.Central.PublishRawAsync($"{Base}/cmd", payload, b =>
        {
            b.WithResponseTopic(replyTopic).WithCorrelationData(correlation);
            configure?.Invoke(b);
        });
        var reply = await Eventually.ValueAsync(() => probe.Messages.FirstOrDefault(), "an answer on the response topic");
        return Google.Protobuf.JsonParser.Default.Parse<KioskCommandResult>(reply.Payload);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public MosquittoBroker Broker { get; private set; } = null!;

        public AgentProcess Agent { get; private set; } = null!;

        public TestCentral Central { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Broker = await MosquittoBroker.StartAsync();
            Agent = await AgentProcess.StartAsync(new AgentSettings { BrokerPort = Broker.Port, Demo = true });
            Central = await TestCentral.ConnectAsync(Broker.Port);
            await Eventually.TrueAsync(() => Agent.Output.Contains("Connected to central broker", StringComparison.Ordinal), "the agent connected");
        }

        public async Task DisposeAsync()
        {
            await Central.DisposeAsync();
            await Agent.DisposeAsync();
            await Broker.DisposeAsync();
        }
    }
}
