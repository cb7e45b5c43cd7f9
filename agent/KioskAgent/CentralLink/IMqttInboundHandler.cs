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

    Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken);
}
