using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using MQTTnet;
using MQTTnet.Protocol;

namespace KioskAgent.Central;

/// <summary>
/// Central's side of kiosk configuration (docs/mqtt-contract.md, "Configuration"): publishes a
/// kiosk's <see cref="DesiredConfig"/> retained on {base}/config/desired, so a kiosk that is offline
/// gets it on its next connect; the kiosk answers with its retained ReportedConfig on
/// {base}/config/reported (watch <see cref="CentralTopics.AllConfigReported"/>).
/// </summary>
public sealed class DesiredConfigPublisher(IMqttClient client, CentralTopics? topics = null)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private readonly CentralTopics _topics = topics ?? new CentralTopics();

    public string DesiredTopic(string siteId, string kioskId) => $"{_topics.KioskBase(siteId, kioskId)}/config/desired";

    public string ReportedTopic(string siteId, string kioskId) => $"{_topics.KioskBase(siteId, kioskId)}/config/reported";

    /// <summary>Publishes the whole desired document; its version must be higher than the kiosk's applied one.</summary>
    public async Task PublishAsync(string siteId, string kioskId, ulong version, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        var desired = new DesiredConfig { Version = version, IssuedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) };
        foreach (var (key, value) in settings)
        {
            desired.Settings[key] = value;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(DesiredTopic(siteId, kioskId))
            .WithPayload(Json.Format(desired))
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .WithUserProperty("schema", Encoding.UTF8.GetBytes(DesiredConfig.Descriptor.FullName).AsMemory())
            .WithUserProperty("schema-version", Encoding.UTF8.GetBytes("1").AsMemory())
            .Build();
        await client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the retained document (the kiosk keeps what it applied).</summary>
    public async Task ClearAsync(string siteId, string kioskId, CancellationToken cancellationToken = default) =>
        await client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(DesiredTopic(siteId, kioskId)).WithRetainFlag(true).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a kiosk's ReportedConfig payload (unknown fields from newer kiosks are ignored).</summary>
    public static ReportedConfig ParseReported(ReadOnlySpan<byte> payload) => Parser.Parse<ReportedConfig>(Encoding.UTF8.GetString(payload));
}
