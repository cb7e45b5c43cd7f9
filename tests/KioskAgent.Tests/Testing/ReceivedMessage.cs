namespace KioskAgent.Tests.Testing;

/// <summary>A message a probe received; <see cref="UserProperties"/> and <see cref="ContentType"/> are the MQTT 5 properties it carried.</summary>
public sealed record ReceivedMessage(string Topic, string Payload, bool Retain, DateTime ReceivedAt, IReadOnlyDictionary<string, string>? UserProperties = null, string? ContentType = null)
{
    public string? UserProperty(string name) => UserProperties?.GetValueOrDefault(name);
}
