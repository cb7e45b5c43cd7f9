using System.Text.Json;
using System.Text.Json.Serialization;

namespace KioskAgent.CentralLink;

/// <summary>The retained state message: "online" on connect, "offline" as last will or on shutdown.</summary>
public sealed record KioskStatePayload(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("kioskId")] string KioskId,
    [property: JsonPropertyName("siteId")] string SiteId,
    [property: JsonPropertyName("session")] string Session,
    [property: JsonPropertyName("agentVersion")] string AgentVersion,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("at")] DateTimeOffset At)
{
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static KioskStatePayload? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<KioskStatePayload>(utf8);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
