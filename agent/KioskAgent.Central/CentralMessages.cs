using System.Text;
using Google.Protobuf;
using KioskAgent.Contracts.V1;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace KioskAgent.Central;

/// <summary>
/// Central's side of the wire format (docs/mqtt-contract.md): proto3 JSON, QoS 1, content type
/// <c>application/json</c>, UTF-8 payload indicator, <c>schema</c> and <c>schema-version</c> user properties.
/// </summary>
public static class CentralMessages
{
    public const string ContentType = "application/json";
    public const string SchemaVersion = "1";

    public static JsonFormatter Json { get; } = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    public static JsonParser Parser { get; } = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static MqttApplicationMessageBuilder Create(string topic, IMessage message) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Json.Format(message))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType(ContentType)
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .WithUserProperty("schema", Encoding.UTF8.GetBytes(message.Descriptor.FullName))
            .WithUserProperty("schema-version", Encoding.UTF8.GetBytes(SchemaVersion));

    /// <summary>Parses a proto3 JSON payload; null when it is not one.</summary>
    public static T? TryParse<T>(MqttApplicationMessage message)
        where T : class, IMessage<T>, new()
    {
        try
        {
            return Parser.Parse<T>(Encoding.UTF8.GetString(message.Payload));
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or ArgumentException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// The transactions a message on a <c>tx</c> topic carries: one <c>kiosk.v1.Transaction</c>,
    /// or several when the <c>schema</c> user property says <c>kiosk.v1.TransactionBatch</c>. Null
    /// when the payload is not what it says it is.
    /// </summary>
    public static IReadOnlyList<Transaction>? TryParseTransactions(MqttApplicationMessage message, out bool batched)
    {
        batched = UserProperty(message, "schema") == TransactionBatch.Descriptor.FullName;
        if (batched)
        {
            return TryParse<TransactionBatch>(message) is { Transactions.Count: > 0 } batch ? batch.Transactions : null;
        }

        return TryParse<Transaction>(message) is { } single ? [single] : null;
    }

    public static string? UserProperty(MqttApplicationMessage message, string name) =>
        message.UserProperties?.FirstOrDefault(p => p.Name == name) is { } property ? property.ReadValueAsString() : null;
}
