using MQTTnet;

namespace KioskAgent.CentralLink;

/// <summary>
/// Handles messages central sends to this kiosk. <see cref="MqttConnection"/> subscribes to every
/// handler's topics on each connect and routes each message to the first handler whose filter
/// matches. A handler must never throw for bad input: it records the rejection in the
/// <see cref="DeadLetterLog"/> (and answers, where the contract has an answer). Should one throw
/// anyway, the connection counts it as <c>handler_failed</c> and carries on.
/// </summary>
public interface IMqttInboundHandler
{
    /// <summary>Short name used in counters and dead letters, e.g. "ack", "command", "members".</summary>
    string Kind { get; }

    /// <summary>The kind a message on <paramref name="topic"/> is counted under when refused before the handler sees it (a bad signature).</summary>
    string KindOf(string topic) => Kind;

    /// <summary>Topic filters to subscribe to (QoS 1), e.g. <c>topics.Ack</c>.</summary>
    IEnumerable<string> TopicFilters(KioskTopics topics);

    /// <summary>
    /// The largest payload this handler accepts on any of its topics. The connection announces the
    /// largest of these (plus room for the packet's header and properties) as its MQTT 5 maximum
    /// packet size, so the broker never delivers anything bigger.
    /// </summary>
    int LargestPayloadBytes { get; }

    /// <summary>
    /// True only where central publishes retained by contract (config/desired): the broker then
    /// sends the retained message at every subscribe. Every other topic is subscribed with MQTT 5
    /// Retain Handling 2 (nothing retained is sent at subscribe, so retained garbage is not
    /// delivered and dead-lettered again at every connect) and Retain As Published (a handler sees
    /// that a message was published retained, and a command dispatcher refuses it).
    /// </summary>
    bool RetainedByContract => false;

    Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken);
}
