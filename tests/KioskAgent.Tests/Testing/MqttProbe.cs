using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace KioskAgent.Tests.Testing;

/// <summary>An independent MQTT client that records everything published under a topic filter.</summary>
public sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<ReceivedMessage> _messages = new();

    private MqttProbe(IMqttClient client) => _client = client;

    public IReadOnlyList<ReceivedMessage> Messages => [.. _messages];

    /// <summary>Connects (plain, anonymous unless <paramref name="configure"/> adds TLS and credentials) and subscribes.</summary>
    public static async Task<MqttProbe> ConnectAsync(int port, string topicFilter, Action<MqttClientOptionsBuilder>? configure = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var probe = new MqttProbe(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            var properties = (m.UserProperties ?? []).GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().ReadValueAsString());
            probe._messages.Enqueue(new ReceivedMessage(m.Topic, Encoding.UTF8.GetString(m.Payload.ToArray()), m.Retain, DateTime.UtcNow, properties, m.ContentType, m.CorrelationData?.ToArray()));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"probe-{Guid.NewGuid():N}");
        configure?.Invoke(options);
        await client.ConnectAsync(options.Build());
        // Retain as published: a retained message published while the probe listens arrives with its
        // retain flag too, not only one the broker hands over at subscribe (MQTT 5 §3.8.3.1), so
        // "was it published retained" does not depend on whether the probe subscribed first.
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(new MqttTopicFilterBuilder().WithTopic(topicFilter).WithAtLeastOnceQoS().WithRetainAsPublished(true).Build())
            .Build());
        return probe;
    }

    public IEnumerable<ReceivedMessage> On(string topic) => Messages.Where(m => m.Topic == topic);

    /// <summary>
    /// Publishes as another party would (a stale will, a hostile ack ...). A message to a kiosk's
    /// inbound topic is signed as central signs it (<paramref name="signer"/>, default the test
    /// run's key) unless <paramref name="sign"/> is false: a forger without central's key.
    /// </summary>
    public async Task<MqttClientPublishResult> PublishAsync(string topic, string payload, bool retain = false, Action<MqttApplicationMessageBuilder>? configure = null, bool sign = true, KioskAgent.Central.Signing.CentralSigner? signer = null)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        configure?.Invoke(builder);
        var message = builder.Build();
        return await _client.PublishAsync(sign ? TestCentralKey.SignIfInbound(message, signer) : message);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
