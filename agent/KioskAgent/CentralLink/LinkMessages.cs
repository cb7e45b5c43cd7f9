using Google.Protobuf;
using Google.Protobuf.Reflection;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace KioskAgent.CentralLink;

/// <summary>
/// Builds the messages a kiosk publishes: proto3 JSON, QoS 1, with the MQTT 5 properties every
/// message of the contract carries (content type, UTF-8 payload indicator, <c>schema</c> and
/// <c>schema-version</c> user properties; docs/mqtt-contract.md).
/// </summary>
public static class LinkMessages
{
    public const string ContentType = "application/json";
    public const string SchemaProperty = "schema";
    public const string SchemaVersionProperty = "schema-version";
    public const string SchemaVersion = "1";

    /// <summary>Proto3 JSON as the contract writes it: camelCase names, default values left out.</summary>
    public static JsonFormatter Json { get; } = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    public static MqttApplicationMessageBuilder Create(string topic, IMessage message) =>
        Create(topic, Json.Format(message), message.Descriptor);

    /// <summary>For payloads already formatted (journal rows keep the JSON they were committed with).</summary>
    public static MqttApplicationMessageBuilder Create(string topic, string json, MessageDescriptor schema) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(json)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType(ContentType)
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .WithUserProperty(SchemaProperty, Utf8(schema.FullName))
            .WithUserProperty(SchemaVersionProperty, Utf8(SchemaVersion));

    public static ReadOnlyMemory<byte> Utf8(string value) => System.Text.Encoding.UTF8.GetBytes(value);

    /// <summary>The value of a user property, or null when the message does not carry it.</summary>
    public static string? UserProperty(MqttApplicationMessage message, string name) =>
        message.UserProperties?.FirstOrDefault(p => p.Name == name) is { } property
            ? property.ReadValueAsString()
            : null;
}
