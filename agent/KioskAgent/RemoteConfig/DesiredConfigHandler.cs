using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using MQTTnet;

namespace KioskAgent.RemoteConfig;

/// <summary>
/// The retained DesiredConfig on {base}/config/desired. Every refusal (too large, malformed, wrong
/// schema, version 0, stale, not allowed, invalid) is recorded in the dead-letter log; refusals of a
/// well-formed document are also reported back in ReportedConfig (rejected_version, rejected_reason).
/// An empty payload (central cleared the retained message) is not a document and changes nothing.
/// </summary>
public sealed partial class DesiredConfigHandler(RemoteConfigService config, DeadLetterLog deadLetters, ILogger<DesiredConfigHandler> logger) : IMqttInboundHandler
{
    public const string KindName = "config";
    public const int MaxPayloadBytes = 64 * 1024;

    public string Kind => KindName;

    public IEnumerable<string> TopicFilters(KioskTopics topics) => [topics.ConfigDesired];

    public int LargestPayloadBytes => MaxPayloadBytes;

    /// <summary>Central retains its desired document, so a kiosk gets it at every connect.</summary>
    public bool RetainedByContract => true;

    public Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (message.Payload.IsEmpty)
        {
            LogCleared();
            return Task.CompletedTask;
        }

        if (!InboundJson.TryParse<DesiredConfig>(message, MaxPayloadBytes, out var desired, out var refusal))
        {
            Reject(refusal, message);
            return Task.CompletedTask;
        }

        if (desired.Version == 0)
        {
            Reject(InboundJson.Malformed, message);
            return Task.CompletedTask;
        }

        var outcome = config.ApplyDesired(desired);
        if (outcome.Kind is RemoteConfigOutcomeKind.Stale or RemoteConfigOutcomeKind.Rejected)
        {
            Reject(outcome.Reason, message);
        }

        return Task.CompletedTask;
    }

    private void Reject(string reason, MqttApplicationMessage message) =>
        deadLetters.Reject(KindName, reason, message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload));

    [LoggerMessage(Level = LogLevel.Information, Message = "Central cleared the desired configuration; the applied one stays")]
    private partial void LogCleared();
}
