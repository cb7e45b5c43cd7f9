using MQTTnet;

namespace KioskAgent.Central;

/// <summary>A message from a kiosk: whose it is (from the topic), what follows the kiosk's base topic, and the MQTT message.</summary>
public sealed record CentralMessage(string SiteId, string KioskId, string Subtopic, MqttApplicationMessage Mqtt)
{
    public KioskKey Kiosk => new(SiteId, KioskId);
}
