using System.Collections.Concurrent;
using System.Text;
using KioskAgent.Central;
using KioskAgent.Tests.Testing.Security;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// The reference central's command and configuration helpers on one MQTT 5 connection, logged in as
/// the central account when the broker is secured, plus raw publishing for hostile-input tests.
/// </summary>
public sealed class TestCentral : IAsyncDisposable
{
    private readonly ConcurrentQueue<MqttApplicationMessage> _received = new();

    private TestCentral(IMqttClient client, CommandSender commands)
    {
        Client = client;
        Commands = commands;
        Config = new DesiredConfigPublisher(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public CommandSender Commands { get; }

    public DesiredConfigPublisher Config { get; }

    /// <summary>Everything received on this connection's subscriptions (see <see cref="WatchAsync"/>).</summary>
    public IReadOnlyList<MqttApplicationMessage> Received => [.. _received];

    public static async Task<TestCentral> ConnectAsync(int port, BrokerSecurity? security = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"central-{Guid.NewGuid():N}");
        if (security is not null)
        {
            security.Apply(options, security.Central);
        }

        await client.ConnectAsync(options.Build());
        return new TestCentral(client, await CommandSender.StartAsync(client));
    }

    public async Task WatchAsync(string topicFilter) =>
        await Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public IEnumerable<MqttApplicationMessage> On(string topic) => Received.Where(m => m.Topic == topic);

    /// <summary>Publishes anything, QoS 1; <paramref name="configure"/> adds response topic, correlation data, properties.</summary>
    public async Task<MqttClientPublishResult> PublishRawAsync(string topic, byte[] payload, Action<MqttApplicationMessageBuilder>? configure = null, bool retain = false)
    {
        var builder = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        configure?.Invoke(builder);
        return await Client.PublishAsync(builder.Build());
    }

    public Task<MqttClientPublishResult> PublishRawAsync(string topic, string payload, Action<MqttApplicationMessageBuilder>? configure = null, bool retain = false) =>
        PublishRawAsync(topic, Encoding.UTF8.GetBytes(payload), configure, retain);

    public async ValueTask DisposeAsync()
    {
        await Commands.DisposeAsync();
        if (Client.IsConnected)
        {
            await Client.DisconnectAsync();
        }

        Client.Dispose();
    }
}
