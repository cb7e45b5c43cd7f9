using MQTTnet;

namespace KioskAgent.Commands;

/// <summary>
/// Where and how a command is answered: its MQTT 5 response topic (only below this kiosk's
/// {base}/reply/, so a command cannot make the kiosk publish anywhere else), its correlation data,
/// and the remaining message expiry to carry over to the answer.
/// </summary>
public sealed record CommandReplyTarget(string Topic, byte[] CorrelationData, uint ExpirySeconds)
{
    public const int MaxSuffixLength = 128;
    public const int MaxCorrelationBytes = 256;

    /// <summary>The response topic, or null when it is missing or not below <paramref name="replyPrefix"/>.</summary>
    public static string? ResponseTopic(MqttApplicationMessage message, string replyPrefix)
    {
        var topic = message.ResponseTopic;
        if (string.IsNullOrEmpty(topic) || !topic.StartsWith(replyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var suffix = topic.AsSpan(replyPrefix.Length);
        return suffix.Length is > 0 and <= MaxSuffixLength && suffix.IndexOfAny("+#\0") < 0 ? topic : null;
    }

    public static bool HasUsableCorrelation(MqttApplicationMessage message) =>
        message.CorrelationData is { Length: > 0 and <= MaxCorrelationBytes };
}
