using System.Buffers;
using KioskAgent.Central;
using KioskAgent.Central.Fleet;
using MQTTnet;
using MQTTnet.Protocol;

namespace Kioskctl.Fleet.Watch;

/// <summary>
/// Keeps a <see cref="FleetView"/> up to date from the broker: one plain (not shared) subscription
/// to every kiosk's state and health, so the retained messages arrive at once and live ones follow.
/// MQTT has no "end of retained messages"; the watcher publishes a marker to itself right after
/// subscribing: a broker delivers a session's messages in order, so once the marker is back, every
/// retained message sent on the subscription has arrived.
/// </summary>
public sealed class FleetWatcher : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly BrokerSettings _broker;
    private readonly TimeProvider _time;
    private readonly string? _site;
    private readonly TaskCompletionSource _marker = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _markerTopic = "";
    private bool _markerSent;
    private long _lastMessageTicks;

    /// <summary>With <paramref name="site"/>, only that site's topics are subscribed (less for the broker to send).</summary>
    public FleetWatcher(BrokerSettings broker, TimeProvider time, string? site = null)
    {
        _broker = broker;
        _site = site;
        _time = time;
        View = new FleetView(new CentralTopics(broker.TopicRoot));
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            Interlocked.Exchange(ref _lastMessageTicks, _time.GetTimestamp());
            if (m.Topic == _markerTopic)
            {
                _marker.TrySetResult();
                return Task.CompletedTask;
            }

            var payload = m.Payload.IsSingleSegment ? m.Payload.FirstSpan : m.Payload.ToArray();
            View.Apply(m.Topic, payload, m.Retain, _time.GetUtcNow());
            return Task.CompletedTask;
        };
    }

    public FleetView View { get; }

    public bool IsConnected => _client.IsConnected;

    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        var clientId = FleetConnection.ToolClientId("watch");
        var options = _broker.ClientOptions(clientId).WithCleanStart(true).Build();
        if (!await FleetConnection.TryConnectAsync(_client, _broker, options, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // Under the root (the central account's ACL covers it), in no kiosk's state or health topic.
        var topics = View.Topics;
        _markerTopic = $"{topics.Root}/_kioskctl/{clientId}/marker";
        await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(_site is null ? topics.AllStates : $"{topics.Root}/{_site}/+/state", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(_site is null ? topics.AllHealth : $"{topics.Root}/{_site}/+/health", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(_markerTopic, MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _lastMessageTicks, _time.GetTimestamp());
        var marker = await _client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(_markerTopic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken).ConfigureAwait(false);
        _markerSent = marker.IsSuccess;
        return true;
    }

    /// <summary>
    /// Waits until the retained messages have arrived: the marker is back, or (when the broker did
    /// not take the marker) nothing new came for <paramref name="quiet"/>; at most <paramref name="max"/>.
    /// </summary>
    public async Task WaitSettledAsync(TimeSpan quiet, TimeSpan max, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        if (_markerSent)
        {
            try
            {
                await _marker.Task.WaitAsync(max, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Show what arrived.
            }

            return;
        }

        while (_time.GetElapsedTime(start) < max
            && _time.GetElapsedTime(Interlocked.Read(ref _lastMessageTicks)) < quiet)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }

        _client.Dispose();
    }
}
