using System.Buffers;
using MQTTnet;
using MQTTnet.Packets;

namespace KioskAgent.CentralLink;

/// <summary>
/// A received message copied out of the MQTT client's buffers, so it can be handled after the
/// client's receive callback has returned (the client may reuse what it lent the callback).
/// </summary>
internal static class InboundCopy
{
    public static MqttApplicationMessage Of(MqttApplicationMessage message) => new()
    {
        Topic = message.Topic,
        Payload = new ReadOnlySequence<byte>(message.Payload.ToArray()),
        QualityOfServiceLevel = message.QualityOfServiceLevel,
        Retain = message.Retain,
        Dup = message.Dup,
        ContentType = message.ContentType,
        PayloadFormatIndicator = message.PayloadFormatIndicator,
        ResponseTopic = message.ResponseTopic,
        CorrelationData = message.CorrelationData?.ToArray(),
        MessageExpiryInterval = message.MessageExpiryInterval,
        SubscriptionIdentifiers = message.SubscriptionIdentifiers is { } ids ? [.. ids] : null,
        UserProperties = message.UserProperties is { } properties
            ? [.. properties.Select(p => new MqttUserProperty(p.Name, p.ValueBuffer.ToArray()))]
            : null,
    };
}
