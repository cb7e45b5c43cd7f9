using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Google.Protobuf;
using MQTTnet;
using MQTTnet.Packets;

namespace KioskAgent.CentralLink;

/// <summary>
/// Reads a proto3 JSON message from central the strict way: the size is checked before anything
/// else, the payload must be valid UTF-8, unknown fields and wrong types are refused, and the MQTT 5
/// user properties <c>schema</c> / <c>schema-version</c>, when present, must name this message and
/// version 1. Refusal codes (for <see cref="DeadLetterLog"/>): <c>oversized</c>, <c>malformed</c>,
/// <c>wrong_schema</c>, <c>unknown_schema_version</c>.
/// </summary>
public static class InboundJson
{
    public const string Oversized = "oversized";
    public const string Malformed = "malformed";
    public const string WrongSchema = "wrong_schema";
    public const string UnknownSchemaVersion = "unknown_schema_version";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false).WithRecursionLimit(16));
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryParse<T>(MqttApplicationMessage message, int maxBytes, [NotNullWhen(true)] out T? parsed, out string refusal)
        where T : IMessage<T>, new()
    {
        parsed = default;
        if (message.Payload.Length > maxBytes)
        {
            refusal = Oversized;
            return false;
        }

        if (!SchemaMatches(message, new T().Descriptor.FullName, out refusal))
        {
            return false;
        }

        refusal = Malformed;
        if (message.Payload.IsEmpty)
        {
            return false;
        }

        try
        {
            parsed = Parser.Parse<T>(StrictUtf8.GetString(message.Payload.ToArray()));
            refusal = "";
            return true;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or DecoderFallbackException or FormatException or ArgumentException)
        {
            parsed = default;
            return false;
        }
    }

    private static bool SchemaMatches(MqttApplicationMessage message, string fullName, out string refusal)
    {
        refusal = "";
        foreach (var property in message.UserProperties ?? [])
        {
            if (property.Name == LinkMessages.SchemaVersionProperty && property.ReadValueAsString() != LinkMessages.SchemaVersion)
            {
                refusal = UnknownSchemaVersion;
                return false;
            }

            if (property.Name == LinkMessages.SchemaProperty && property.ReadValueAsString() != fullName)
            {
                refusal = WrongSchema;
                return false;
            }
        }

        return true;
    }
}
