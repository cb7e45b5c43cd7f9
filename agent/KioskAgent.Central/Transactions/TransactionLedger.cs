using System.Text;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Transactions;

/// <summary>
/// The transaction part of the reference central: consumes every kiosk's <c>tx</c> topic as
/// shared work, stores each transaction once (<see cref="TransactionStore"/>), and acknowledges
/// on the kiosk's <c>ack</c> topic after the store made it durable. Acks are batched per kiosk
/// (after <c>ackBatchSize</c> messages or <c>ackDelay</c>) and say "everything up to N"
/// (<see cref="TransactionAck.ContiguousSequence"/>) plus individual results for transactions
/// ahead of a gap and for every rejection.
/// </summary>
public sealed class TransactionLedger(TransactionStore store, TransactionJudge? judge, int ackBatchSize, TimeSpan ackDelay, TimeProvider time, Action<string>? log = null) : ICentralPart
{
    /// <summary>The reason central gives a transaction it stores but cannot take as that kiosk's (contract: "Elements central cannot take").</summary>
    public const string InvalidTransaction = "invalid_transaction";

    private readonly Dictionary<JournalKey, PendingAck> _pending = [];
    private readonly Lock _gate = new();
    private ICentralPublisher? _publisher;
    private long _received;
    private long _malformed;
    private long _acks;

    public TransactionStore Store { get; } = store;

    /// <summary>Raised for every transaction message stored or counted as a repeat (before its ack).</summary>
    public event Action<RecordResult>? Recorded;

    /// <summary>Raised after an ack went out to a kiosk.</summary>
    public event Action<KioskKey, TransactionAck>? Acknowledged;

    /// <summary>Transactions received by this instance (repeats included; a batch counts each of its transactions).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages on a tx topic that were not transactions, and transactions not of that kiosk (those are answered as rejected).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    public long AcksSent => Interlocked.Read(ref _acks);

    public IEnumerable<CentralSubscription> Subscriptions(CentralTopics topics) => [new(topics.AllTransactions, Shared: true)];

    public void Attach(ICentralPublisher publisher) => _publisher = publisher;

    /// <summary>
    /// Stores each transaction of the message (one, or a kiosk's batch) and queues its ack. A
    /// transaction that names another kiosk than the topic it came on is stored under the topic's
    /// kiosk as rejected (<see cref="InvalidTransaction"/>) without judging it, so the kiosk settles
    /// it instead of sending it forever and its sequence leaves no gap. One without an id or a
    /// sequence cannot be answered and is only counted. The others of a batch are stored as if
    /// they had come by themselves.
    /// </summary>
    public Task HandleAsync(CentralMessage message, CancellationToken cancellationToken)
    {
        var transactions = CentralMessages.TryParseTransactions(message.Mqtt, out var batched);
        if (transactions is null)
        {
            Interlocked.Increment(ref _received);
            Interlocked.Increment(ref _malformed);
            log?.Invoke($"refused a message on {message.Mqtt.Topic}: not a transaction");
            return Task.CompletedTask;
        }

        foreach (var transaction in transactions)
        {
            Interlocked.Increment(ref _received);
            if (string.IsNullOrEmpty(transaction.Id) || transaction.Sequence == 0)
            {
                Interlocked.Increment(ref _malformed);
                log?.Invoke($"refused a transaction on {message.Mqtt.Topic}: no id or sequence to answer");
                continue;
            }

            var ofThatKiosk = transaction.KioskId == message.KioskId && transaction.SiteId == message.SiteId;
            if (!ofThatKiosk)
            {
                Interlocked.Increment(ref _malformed);
                log?.Invoke($"rejected a transaction on {message.Mqtt.Topic}: it names another kiosk");
            }

            // A transaction that came alone is stored as it was sent; one from a batch as its element.
            var kind = (batched ? null : CentralMessages.UserProperty(message.Mqtt, "kind")) ?? Kind(transaction);
            var json = batched ? CentralMessages.Json.Format(transaction) : Encoding.UTF8.GetString(message.Mqtt.Payload);
            var result = Store.Record(message.Kiosk, transaction, kind, json, ofThatKiosk ? judge : static _ => InvalidTransaction, time.GetUtcNow());
            Recorded?.Invoke(result);
            QueueAck(result.Stored);
        }

        return Task.CompletedTask;
    }

    /// <summary>The kind a kiosk names in its <c>kind</c> user property: the body's field name.</summary>
    private static string Kind(Transaction transaction) => transaction.BodyCase switch
    {
        Transaction.BodyOneofCase.CardTap => "card_tap",
        Transaction.BodyOneofCase.Redemption => "redemption",
        Transaction.BodyOneofCase.ProvisioningAudit => "provisioning_audit",
        Transaction.BodyOneofCase.VoucherUse => "voucher_use",
        var other => other.ToString(),
    };

    private void QueueAck(StoredTransaction stored)
    {
        var journal = stored.Journal;
        PendingAck pending;
        bool flushNow, schedule = false;
        lock (_gate)
        {
            if (!_pending.TryGetValue(journal, out pending!))
            {
                pending = new PendingAck();
                _pending[journal] = pending;
            }

            pending.Items.Add(stored);
            flushNow = pending.Items.Count >= ackBatchSize;
            if (!flushNow && !pending.Scheduled)
            {
                pending.Scheduled = schedule = true;
            }
        }

        if (flushNow)
        {
            // Not awaited: the next messages are taken in while this ack is committed and sent.
            _ = Task.Run(() => FlushAsync(journal, pending, CancellationToken.None), CancellationToken.None);
        }
        else if (schedule)
        {
            _ = Task.Run(
                async () =>
                {
                    await Task.Delay(ackDelay, time, CancellationToken.None).ConfigureAwait(false);
                    await FlushAsync(journal, pending, CancellationToken.None).ConfigureAwait(false);
                },
                CancellationToken.None);
        }
    }

    private async Task FlushAsync(JournalKey journal, PendingAck pending, CancellationToken cancellationToken)
    {
        List<StoredTransaction> items;
        lock (_gate)
        {
            (items, pending.Items) = (pending.Items, []);
            pending.Scheduled = false;
        }

        if (items.Count == 0 || _publisher is not { } publisher)
        {
            return;
        }

        try
        {
            // Durable before acknowledged: an ack is central's promise that it holds the transaction.
            Store.Flush();
            var kiosk = journal.Kiosk;
            var ack = Ack(journal, items);
            var topic = $"{publisher.Topics.KioskBase(kiosk.SiteId, kiosk.KioskId)}/ack";
            if (await publisher.PublishAsync(topic, ack, cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _acks);
                Acknowledged?.Invoke(kiosk, ack);
            }
        }
        catch (Exception ex)
        {
            // Unacknowledged transactions come again after the kiosk's ack timeout.
            log?.Invoke($"ack to {journal} failed: {ex.Message}");
        }
    }

    /// <summary>
    /// One ack answers the deliveries of one kiosk journal since the last ack. "Everything up to N"
    /// never reaches past the highest sequence among them, so it cannot cover a number the kiosk
    /// has not used yet; once a journal's sequence numbers stopped identifying transactions (a
    /// journal replaced by a kiosk without journal ids), it is acknowledged by id only.
    /// </summary>
    private TransactionAck Ack(JournalKey journal, List<StoredTransaction> items)
    {
        var byId = Store.HasSequenceConflicts(journal);
        var contiguous = byId ? 0 : Math.Min(Store.Contiguous(journal), items.Max(i => i.Sequence));
        var ack = new TransactionAck
        {
            ContiguousSequence = contiguous,
            JournalId = journal.JournalId,
            At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        };
        foreach (var item in items.DistinctBy(i => i.Id))
        {
            if (item.Outcome == TransactionOutcome.Rejected || item.Sequence > contiguous)
            {
                ack.Results.Add(new TransactionResult { Id = item.Id, Sequence = item.Sequence, Outcome = item.Outcome, Reason = item.Reason });
            }
        }

        return ack;
    }

    private sealed class PendingAck
    {
        public List<StoredTransaction> Items { get; set; } = [];

        public bool Scheduled { get; set; }
    }
}
