using System.Buffers;
using KioskAgent.Contracts.V1;
using KioskAgent.Journal;
using MQTTnet;

namespace KioskAgent.CentralLink;

/// <summary>
/// Central's acknowledgements on {base}/ack (<see cref="TransactionAck"/>): settles the
/// transactions they cover in the journal, which takes them out of the outbox and raises
/// <see cref="TransactionJournal.Settled"/>. An ack is read strictly (<see cref="InboundJson"/>: size,
/// UTF-8, unknown fields, types, schema); one that is refused there or does not fit the journal goes
/// to the dead-letter log and nothing of it is applied.
/// </summary>
public sealed partial class TransactionAckHandler(TransactionJournal journal, DeadLetterLog deadLetters, ILogger<TransactionAckHandler> logger) : IMqttInboundHandler
{
    /// <summary>An ack lists at most a window of results; anything near this size is not an ack.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    public string Kind => "ack";

    public IEnumerable<string> TopicFilters(KioskTopics topics) => [topics.Ack];

    public int LargestPayloadBytes => MaxPayloadBytes;

    public async Task HandleAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        // The same strict reading as every message from central: size first, strict UTF-8, no unknown fields, right types.
        if (!InboundJson.TryParse<TransactionAck>(message, MaxPayloadBytes, out var ack, out var refusal))
        {
            deadLetters.Reject(Kind, refusal, message.Topic, message.Payload.ToArray());
            return;
        }

        var bytes = message.Payload.ToArray();
        try
        {
            var applied = await journal.ApplyAckAsync(ack, cancellationToken).ConfigureAwait(false);
            if (applied.Refusal is { } unfit)
            {
                deadLetters.Reject(Kind, unfit, message.Topic, bytes);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ack up to #{Contiguous} with {Results} result(s): {Settled} transaction(s) settled")]
    private partial void LogApplied(ulong contiguous, int results, int settled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An ack from central could not be applied ({Reason}); it will come again")]
    private partial void LogNotApplied(string reason);
}
