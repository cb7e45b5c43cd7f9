using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using MQTTnet;
using MQTTnet.Exceptions;

namespace KioskAgent.Commands;

/// <summary>Publishes command answers to the command's response topic with its correlation data.</summary>
public sealed partial class CommandReplies(MqttConnection connection, ILogger<CommandReplies> logger)
{
    /// <summary>True when the broker took the answer. Never throws for a lost connection.</summary>
    public async Task<bool> SendAsync(CommandReplyTarget target, KioskCommandResult result, CancellationToken cancellationToken)
    {
        var builder = LinkMessages.Create(target.Topic, result);
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
