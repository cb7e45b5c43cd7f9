using Google.Protobuf;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace KioskAgent.Commands;

/// <summary>Publishes command answers to the command's response topic with its correlation data.</summary>
public sealed partial class CommandReplies(MqttConnection connection, ILogger<CommandReplies> logger)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    private static readonly ReadOnlyMemory<byte> SchemaName = System.Text.Encoding.UTF8.GetBytes(KioskCommandResult.Descriptor.FullName);
    private static readonly ReadOnlyMemory<byte> SchemaVersion = System.Text.Encoding.UTF8.GetBytes(InboundJson.SchemaVersion);

    /// <summary>True when the broker took the answer. Never throws for a lost connection.</summary>
    public async Task<bool> SendAsync(CommandReplyTarget target, KioskCommandResult result, CancellationToken cancellationToken)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(target.Topic)
            .WithPayload(Json.Format(result))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
            .WithUserProperty(InboundJson.SchemaProperty, SchemaName)
            .WithUserProperty(InboundJson.SchemaVersionProperty, SchemaVersion);
        if (target.CorrelationData.Length > 0)
        {
            builder.WithCorrelationData(target.CorrelationData);
        }

        if (target.ExpirySeconds > 0)
        {
            // An answer is worth as long as its question was.
            builder.WithMessageExpiryInterval(target.ExpirySeconds);
        }

        try
        {
            return await connection.PublishAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            LogReplyFailed(result.Name, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer command {Name}: {Error}")]
    private partial void LogReplyFailed(string name, string error);
}
