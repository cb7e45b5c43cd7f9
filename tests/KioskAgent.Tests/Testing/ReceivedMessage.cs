namespace KioskAgent.Tests.Testing;

/// <summary>A message a probe received; <see cref="UserProperties"/>, <see cref="ContentType"/> and <see cref="CorrelationData"/> are the MQTT 5 properties it carried.</summary>
public sealed record ReceivedMessage(string Topic, string Payload, bool Retain, DateTime ReceivedAt, IReadOnlyDictionary<string, string>? UserProperties = null, string? ContentType = null, byte[]? CorrelationData = null)
{
    public string? UserProperty(string name) => UserProperties?.GetValueOrDefault(name);
}
