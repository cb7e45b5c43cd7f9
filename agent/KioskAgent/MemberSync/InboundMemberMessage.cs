using System.Buffers;
using KioskAgent.CentralLink;
using MQTTnet;

namespace KioskAgent.MemberSync;

/// <summary>
/// A member message from central, copied out of the MQTT client's buffers (which it may reuse once
/// the receive handler returns) so it can be applied later on the sync worker.
/// </summary>
public sealed record InboundMemberMessage(string Topic, byte[] Payload, string? Schema, string? SchemaVersion, byte[]? CorrelationData)
{
    public static InboundMemberMessage From(MqttApplicationMessage message) => new(
        message.Topic,
        message.Payload.ToArray(),
        LinkMessages.UserProperty(message, LinkMessages.SchemaProperty),
        LinkMessages.UserProperty(message, LinkMessages.SchemaVersionProperty),
        message.CorrelationData);
}
