using Google.Protobuf;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Tests.Testing;

/// <summary>Reads the retained health reports an agent publishes (kiosk/v1/{site}/{kiosk}/health).</summary>
public static class HealthReports
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static string Topic(AgentSettings settings) => $"kiosk/v1/{settings.SiteId}/{settings.KioskId}/health";

    public static HealthReport? Latest(MqttProbe probe) =>
        probe.Messages.LastOrDefault(m => m.Topic.EndsWith("/health", StringComparison.Ordinal)) is { } message
            ? Parser.Parse<HealthReport>(message.Payload)
            : null;

    public static long Counter(this HealthReport report, string name) => report.Counters.TryGetValue(name, out var value) ? value : 0;
}
