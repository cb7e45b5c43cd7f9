using System.Buffers;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Security;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The agent against a production-like mosquitto: TLS with a fleet CA, client certificates,
/// per-kiosk passwords and an ACL that confines each kiosk to its own topics.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CentralLinkSecurityTests : IAsyncLifetime
{
    private const string Site = "site-sec";
    private const string KioskA = "kiosk-a";
    private const string KioskB = "kiosk-b";

    private BrokerSecurity _security = null!;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _security = await BrokerSecurity.CreateAsync((Site, KioskA), (Site, KioskB));
        _broker = await MosquittoBroker.StartAsync(_security);
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _security.Dispose();
    }

    [Fact]
    public async Task AgentWithCaClientCertificateAndPassword_IsOnlineOverTls_AndItsWillFiresOnKill9()
    {
        var settings = Agent(KioskA);
        await using var central = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{Site}/{KioskA}/#", b => _security.Apply(b, _security.Central));

        var agent = await AgentProcess.StartAsync(settings);
        await Eventually.TrueAsync(() => State(central) == "online", "the agent online over TLS", TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => central.On($"kiosk/v1/{Site}/{KioskA}/health").Any(), "a health report over TLS", TimeSpan.FromSeconds(30));

        await agent.KillAsync();
        await Eventually.TrueAsync(() => State(central) == "offline", "the last will over TLS", TimeSpan.FromSeconds(60));
        await agent.DisposeAsync();
        Assert.Equal("connection_lost", Field(central.On($"kiosk/v1/{Site}/{KioskA}/state").Last(), "reason"));
    }

    [Fact]
    public async Task AgentThatDoesNotTrustTheBrokersCa_NeverConnects()
    {
        using var otherCa = new TestCertificateAuthority(TestPaths.NewTempDirectory("other-ca"), "Some Other CA");
        var settings = Agent(KioskA);
        var extra = new Dictionary<string, string>(settings.Extra) { ["Central__CaFile"] = otherCa.CertificateFile };
        await using var central = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{Site}/{KioskA}/state", b => _security.Apply(b, _security.Central));

        await using var agent = await AgentProcess.StartAsync(settings with { Extra = extra });
        await Eventually.TrueAsync(() => agent.Output.Contains("Cannot reach central broker", StringComparison.Ordinal), "a refused TLS connect", TimeSpan.FromSeconds(30));
        // The refusal is already in the log; a connect would have published "online" right after it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(central.Messages);
    }

    [Fact]
    public async Task Broker_RefusesWrongPassword_MissingClientCertificate_AndPlainTcp()
    {
        var kiosk = _security.Kiosk(Site, KioskA);

        var wrongPassword = await TryConnectAsync(b => _security.Apply(b.WithCredentials(kiosk.Username, "wrong"), kiosk with { Password = "wrong" }));
        var noCertificate = await TryConnectAsync(b => b
            .WithCredentials(kiosk.Username, kiosk.Password)
            .WithTlsOptions(KioskAgent.CentralLink.CentralTls.Build(new() { UseTls = true, CaFile = _security.Ca.CertificateFile })));
        var plain = await TryConnectAsync(b => b.WithCredentials(kiosk.Username, kiosk.Password));
        var right = await TryConnectAsync(b => _security.Apply(b, kiosk));

        Assert.Equal((false, false, false, true), (wrongPassword, noCertificate, plain, right));
    }

    [Fact]
    public async Task KioskA_CannotReadOrWriteKioskBsTopics()
    {
        var a = _security.Kiosk(Site, KioskA);
        var baseB = $"kiosk/v1/{Site}/{KioskB}";
        await using var snoop = await MqttProbe.ConnectAsync(_broker.Port, $"{baseB}/#", b => _security.Apply(b, a));
        // Central watches kiosk A's topics: kiosk A itself may not read its outbound ones.
        await using var ownTopics = await MqttProbe.ConnectAsync(_broker.Port, $"kiosk/v1/{Site}/{KioskA}/#", b => _security.Apply(b, _security.Central));
        await using var watcher = await MqttProbe.ConnectAsync(_broker.Port, $"{baseB}/#", b => _security.Apply(b, _security.Central));

        using var client = await ConnectAsync(a);
        var intoB = await client.PublishAsync(Message($"{baseB}/cmd", """{"id":"x","name":"restart_agent"}"""));
        var own = await client.PublishAsync(Message($"kiosk/v1/{Site}/{KioskA}/health", "{}"));
        await Eventually.TrueAsync(() => ownTopics.Messages.Count == 1, "kiosk A's own publish delivered");
        using var central = await ConnectAsync(_security.Central);
        await central.PublishAsync(Message($"{baseB}/config/desired", """{"version":"1"}"""));
        await Eventually.TrueAsync(() => watcher.Messages.Count >= 1, "central's publish to kiosk B delivered");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, intoB.ReasonCode);
        Assert.True(own.IsSuccess);
        Assert.Empty(snoop.Messages);
        Assert.DoesNotContain(watcher.Messages, m => m.Topic.EndsWith("/cmd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KioskAccount_CannotWriteItsOwnInboundTopics_WhileCentralsSignedMessagesStillReachTheAgent()
    {
        var a = _security.Kiosk(Site, KioskA);
        var baseA = $"kiosk/v1/{Site}/{KioskA}";
        await using var central = await TestCentral.ConnectAsync(_broker.Port, _security);
        await central.WatchAsync($"{baseA}/state");
        await using var agent = await AgentProcess.StartAsync(Agent(KioskA));
        await Eventually.TrueAsync(() => central.On($"{baseA}/state").Any(m => Encoding.UTF8.GetString(m.Payload.ToArray()).Contains("\"online\"", StringComparison.Ordinal)), "the agent online", TimeSpan.FromSeconds(30));
        Assert.True((await central.SendAsync(agent.Settings, "ping")).Ok);

        // Even correctly signed (a replay of central's own message), the broker takes nothing on these topics from the kiosk's account.
        using var stolen = await ConnectAsync(a);
        var results = new Dictionary<string, MqttClientPublishReasonCode>();
        foreach (var topic in new[] { "cmd", "ack", "config/desired", "members/snapshot", "members/delta", "members/answer" })
        {
            var message = TestCentralKey.SignIfInbound(Message($"{baseA}/{topic}", topic == "cmd" ? """{"id":"stolen","name":"restart_agent"}""" : """{"contiguousSequence":"8"}"""));
            results[topic] = (await stolen.PublishAsync(message)).ReasonCode;
        }

        var ownOutbound = await stolen.PublishAsync(Message($"{baseA}/reply/x", "{}"));
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.All(results, r => Assert.True(r.Value == MqttClientPublishReasonCode.NotAuthorized, $"{r.Key}: {r.Value}"));
        Assert.True(ownOutbound.IsSuccess);
        Assert.Empty(DeadLetters.Read(agent.Settings.DataDirectory));
        Assert.False(agent.HasExited);
        Assert.True((await central.SendAsync(agent.Settings, "ping")).Ok);
    }

    [Fact]
    public async Task Broker_RefusesAMessageAboveTheSizeLimit_AndTakesASnapshotChunkOfTheLargestSize()
    {
        using var central = await ConnectAsync(_security.Central);
        var baseB = $"kiosk/v1/{Site}/{KioskB}";

        var largest = await central.PublishAsync(Message($"{baseB}/members/snapshot", new string('a', BrokerSecurity.MessageSizeLimit)));
        var larger = await central.PublishAsync(Message($"{baseB}/members/snapshot", new string('a', BrokerSecurity.MessageSizeLimit + 1)));

        Assert.True(largest.IsSuccess || largest.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers, largest.ReasonCode.ToString());
        // 0x95 Packet too large (MQTT 5 §2.4): mosquitto 2.0's PUBACK for a payload above message_size_limit.
        Assert.Equal(0x95, (int)larger.ReasonCode);
    }

    private AgentSettings Agent(string kioskId) => new()
    {
        KioskId = kioskId,
        SiteId = Site,
        BrokerPort = _broker.Port,
        Extra = _security.AgentSettings(Site, kioskId),
    };

    private async Task<IMqttClient> ConnectAsync(BrokerUser user)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"test-{Guid.NewGuid():N}");
        _security.Apply(options, user);
        await client.ConnectAsync(options.Build());
        return client;
    }

    private async Task<bool> TryConnectAsync(Action<MqttClientOptionsBuilder> configure)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .WithClientId($"test-{Guid.NewGuid():N}");
        configure(options);
        try
        {
            var result = await client.ConnectAsync(options.Build());
            return result.ResultCode == MqttClientConnectResultCode.Success;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or AuthenticationException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private static string? State(MqttProbe probe) =>
        probe.Messages.LastOrDefault(m => m.Topic.EndsWith("/state", StringComparison.Ordinal)) is { } m ? Field(m, "state") : null;

    private static string? Field(ReceivedMessage m, string name) => JsonDocument.Parse(m.Payload).RootElement.GetProperty(name).GetString();
}
