using System.Collections.Concurrent;
using System.Text;
using KioskAgent.Central;
using KioskAgent.Central.Commands;
using KioskAgent.Central.Configuration;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing.Security;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// Central for tests: the reference central with its commands and configuration parts (it also
/// stores and acknowledges transactions), plus a second, raw connection that watches topics and
/// publishes anything, for hostile-input tests. Both log in as the central account when the broker
/// is secured.
/// </summary>
public sealed class TestCentral : IAsyncDisposable
{
    private readonly ConcurrentQueue<MqttApplicationMessage> _received = new();

    private TestCentral(ReferenceCentral reference, IMqttClient raw, CommandSender commands, KioskConfiguration config)
    {
        Reference = reference;
        Raw = raw;
        Commands = commands;
        Config = config;
        raw.ApplicationMessageReceivedAsync += e =>
        {
            _received.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public ReferenceCentral Reference { get; }

    public IMqttClient Raw { get; }

    public CommandSender Commands { get; }

    public KioskConfiguration Config { get; }

    /// <summary>Everything the raw connection received on its <see cref="WatchAsync"/> subscriptions.</summary>
    public IReadOnlyList<MqttApplicationMessage> Received => [.. _received];

    /// <param name="parts">Further parts of the reference central to run, e.g. its member part serving snapshots.</param>
    public static async Task<TestCentral> ConnectAsync(int port, BrokerSecurity? security = null, IEnumerable<ICentralPart>? parts = null)
    {
        var commands = new CommandSender();
        var config = new KioskConfiguration();
        var options = new ReferenceCentralOptions { ConfigureClient = b => security?.Apply(b, security.Central), Signer = TestCentralKey.Signer };
        options.Parts.Add(commands);
        options.Parts.Add(config);
        foreach (var part in parts ?? [])
        {
            options.Parts.Add(part);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reference = await ReferenceCentral.StartAsync("127.0.0.1", port, options, timeout.Token);

        var raw = new MqttClientFactory().CreateMqttClient();
        var rawOptions = new MqttClientOptionsBuilder()
            // Big socket buffers, as the reference central has: MQTTnet's 8 KiB default writes a 6 MB payload at ~1.5 MB/s.
            .WithTcpServer("127.0.0.1", port)
            .WithTcpServer(o => o.BufferSize = ReferenceCentral.SocketBufferBytes)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"central-raw-{Guid.NewGuid():N}");
        if (security is not null)
        {
            security.Apply(rawOptions, security.Central);
        }

        await raw.ConnectAsync(rawOptions.Build());
        return new TestCentral(reference, raw, commands, config);
    }

    public Task<KioskCommandResult> SendAsync(AgentSettings agent, string name, IReadOnlyDictionary<string, string>? args = null) =>
        Commands.SendAsync(new KioskKey(agent.SiteId, agent.KioskId), name, args);

    public Task<KioskCommandResult> SendAsync(AgentSettings agent, KioskCommand command) =>
        Commands.SendAsync(new KioskKey(agent.SiteId, agent.KioskId), command);

    public async Task WatchAsync(string topicFilter) =>
        await Raw.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public IEnumerable<MqttApplicationMessage> On(string topic) => Received.Where(m => m.Topic == topic);

    /// <summary>
    /// Publishes anything, QoS 1; <paramref name="configure"/> adds response topic, correlation data,
    /// properties. Signed with the test run's central key when the topic is a kiosk's inbound one,
    /// unless <paramref name="sign"/> is false.
    /// </summary>
    public async Task<MqttClientPublishResult> PublishRawAsync(string topic, byte[] payload, Action<MqttApplicationMessageBuilder>? configure = null, bool retain = false, bool sign = true)
    {
        var builder = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        configure?.Invoke(builder);
        var message = builder.Build();
        return await Raw.PublishAsync(sign ? TestCentralKey.SignIfInbound(message) : message);
    }

    public Task<MqttClientPublishResult> PublishRawAsync(string topic, string payload, Action<MqttApplicationMessageBuilder>? configure = null, bool retain = false, bool sign = true) =>
        PublishRawAsync(topic, Encoding.UTF8.GetBytes(payload), configure, retain, sign);

    public async ValueTask DisposeAsync()
    {
        if (Raw.IsConnected)
        {
            await Raw.DisconnectAsync();
        }

        Raw.Dispose();
        await Reference.DisposeAsync();
    }
}
