using System.Buffers;
using Google.Protobuf;
using KioskAgent.Contracts.V1;
using KioskAgent.Journal;
using MQTTnet;

namespace KioskAgent.CentralLink;

/// <summary>
/// Central's acknowledgements on {base}/ack (<see cref="TransactionAck"/>): settles the
/// transactions they cover in the journal, which takes them out of the outbox and raises
/// <see cref="TransactionJournal.Settled"/>. An ack that is malformed, too big, of another schema
/// version or that does not fit the journal goes to the dead-letter log and nothing of it is applied.
/// </summary>
public sealed partial class TransactionAckHandler(TransactionJournal journal, DeadLetterLog deadLetters, ILogger<TransactionAckHandler> logger) : IMqttInboundHandler
{
    /// <summary>An ack lists at most a window of results; anything near this size is not an ack.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public string Kind => "ack";

    public IEnumerable<string> TopicFilters(KioskTopics topics) => [topics.Ack];

    public int LargestPayloadBytes => MaxPayloadBytes;

    public async Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        var payload = message.Payload;
        if (payload.Length > MaxPayloadBytes)
        {
            deadLetters.Reject(Kind, "oversized", message.Topic, payload.ToArray());
            return;
        }

        var bytes = payload.ToArray();
        var version = LinkMessages.UserProperty(message, LinkMessages.SchemaVersionProperty);
        if (version is not null && version != LinkMessages.SchemaVersion)
        {
            deadLetters.Reject(Kind, "unknown_schema_version", message.Topic, bytes);
            return;
        }

        if (Parse(bytes) is not { } ack)
        {
            deadLetters.Reject(Kind, "malformed", message.Topic, bytes);
            return;
        }

        try
        {
            var applied = await journal.ApplyAckAsync(ack, cancellationToken).ConfigureAwait(false);
            if (applied.Refusal is { } refusal)
            {
                deadLetters.Reject(Kind, refusal, message.Topic, bytes);
                return;
            }

            LogApplied(ack.ContiguousSequence, ack.Results.Count, applied.Settled.Count);
        }
        catch (JournalUnavailableException ex)
        {
            // Not the ack's fault: central acknowledges again when the transactions are resent.
            LogNotApplied(ex.Fault.Reason);
        }
    }

    private static TransactionAck? Parse(byte[] utf8)
    {
        try
        {
            return Parser.Parse<TransactionAck>(System.Text.Encoding.UTF8.GetString(utf8));
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ack up to #{Contiguous} with {Results} result(s): {Settled} transaction(s) settled")]
    private partial void LogApplied(ulong contiguous, int results, int settled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An ack from central could not be applied ({Reason}); it will come again")]
    private partial void LogNotApplied(string reason);
}
