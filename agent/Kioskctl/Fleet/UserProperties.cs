using System.Text;
using MQTTnet;

namespace Kioskctl.Fleet;

/// <summary>The MQTT 5 user properties every message of docs/mqtt-contract.md carries.</summary>
public static class UserProperties
{
    private static readonly ReadOnlyMemory<byte> SchemaVersion = "1"u8.ToArray();

    /// <summary>schema (the full proto message name) and schema-version.</summary>
    public static MqttApplicationMessageBuilder WithSchema(this MqttApplicationMessageBuilder builder, Google.Protobuf.Reflection.MessageDescriptor descriptor) =>
        builder
            .WithUserProperty("schema", Encoding.UTF8.GetBytes(descriptor.FullName))
            .WithUserProperty("schema-version", SchemaVersion);

    public static MqttApplicationMessageBuilder WithProperty(this MqttApplicationMessageBuilder builder, string name, string value) =>
        builder.WithUserProperty(name, Encoding.UTF8.GetBytes(value));
}
