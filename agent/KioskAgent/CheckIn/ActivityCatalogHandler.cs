using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using MQTTnet;

namespace KioskAgent.CheckIn;

/// <summary>
/// Central's check-in activities on {base}/activities (signed like every central message, checked by
/// the connection before this sees it). Retained by contract, so a kiosk gets the current catalog at
/// every connect. Every refusal (too large, malformed, stale, version jump, an activity that cannot
/// run) goes to the dead-letter log; an empty payload (central cleared it) changes nothing.
/// </summary>
public sealed partial class ActivityCatalogHandler(ActivityStore store, DeadLetterLog deadLetters, ILogger<ActivityCatalogHandler> logger) : IMqttInboundHandler
{
    public const string KindName = "activities";
    public const int MaxPayloadBytes = 1024 * 1024;

    public string Kind => KindName;

    public IEnumerable<string> TopicFilters(KioskTopics topics) => [ActivityTopic(topics)];

    public int LargestPayloadBytes => MaxPayloadBytes;

    public bool RetainedByContract => true;

    /// <summary>{base}/activities.</summary>
    public static string ActivityTopic(KioskTopics topics) => $"{topics.Base}/activities";

    public Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (message.Payload.IsEmpty)
        {
            return Task.CompletedTask;
        }

        if (!InboundJson.TryParse<ActivityCatalog>(message, MaxPayloadBytes, out var catalog, out var refusal))
        {
            Reject(refusal, message);
            return Task.CompletedTask;
        }

        var verdict = store.Apply(catalog);
        if (!verdict.Applied)
        {
            Reject(verdict.Reason, message);
            return Task.CompletedTask;
        }

        LogApplied(catalog.Version, catalog.Activities.Count);
        return Task.CompletedTask;
    }

    private void Reject(string reason, MqttApplicationMessage message) =>
        deadLetters.Reject(KindName, reason, message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload));

    [LoggerMessage(Level = LogLevel.Information, Message = "Activity catalog version {Version} applied: {Count} check-in activities")]
    private partial void LogApplied(ulong version, int count);
}
