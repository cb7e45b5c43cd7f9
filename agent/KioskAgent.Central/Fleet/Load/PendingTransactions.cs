using KioskAgent.Contracts.V1;

namespace KioskAgent.Central.Fleet.Load;

/// <summary>
/// A simulated kiosk's outbox, in memory: transactions get gap-free sequences from 1 and stay until
/// central acknowledges them (by contiguous sequence or by id, as link.proto says), so a resend after
/// a lost ack or a reconnect repeats the same id and sequence. Thread-safe: the kiosk's loop adds and
/// sends while the MQTT receive path applies acks.
/// </summary>
public sealed class PendingTransactions
{
    private readonly SortedDictionary<ulong, PendingTransaction> _pending = [];
    private readonly Lock _gate = new();
    private ulong _next = 1;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Gives the transaction the next sequence and keeps it until acknowledged.</summary>
    public Transaction Add(Transaction transaction, DateTimeOffset now)
    {
        lock (_gate)
        {
            transaction.Sequence = _next++;
            _pending.Add(transaction.Sequence, new PendingTransaction(transaction, now));
            return transaction;
        }
    }

    /// <summary>
    /// Records a publish the broker took (PUBACK); the first one starts the ack latency clock.
    /// Returns which attempt this was (1 = first send), or 0 when the transaction is already settled.
    /// </summary>
    public int MarkSent(ulong sequence, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(sequence, out var entry))
            {
                return 0;
            }

            entry.FirstSentAt ??= now;
            entry.LastSentAt = now;
            return ++entry.Attempts;
        }
    }

    /// <summary>Settles what the ack covers; returns, for each newly settled transaction, the time from its first send.</summary>
    public IReadOnlyList<TimeSpan> Acknowledge(TransactionAck ack, DateTimeOffset now)
    {
        var latencies = new List<TimeSpan>();
        lock (_gate)
        {
            foreach (var sequence in _pending.Keys.TakeWhile(s => s <= ack.ContiguousSequence).ToList())
            {
                Settle(sequence, now, latencies);
            }

            foreach (var result in ack.Results)
            {
                var sequence = result.Sequence != 0 ? result.Sequence : _pending.FirstOrDefault(p => p.Value.Transaction.Id == result.Id).Key;
                if (sequence != 0 && _pending.TryGetValue(sequence, out var entry) && entry.Transaction.Id == result.Id)
                {
                    Settle(sequence, now, latencies);
                }
            }
        }

        return latencies;
    }

    /// <summary>
    /// Transactions to publish (again): never sent, or sent longer than <paramref name="ackTimeout"/>
    /// ago without an ack. In sequence order.
    /// </summary>
    public IReadOnlyList<Transaction> Due(DateTimeOffset now, TimeSpan ackTimeout)
    {
        lock (_gate)
        {
            return [.. _pending.Values.Where(p => p.LastSentAt is not { } sent || now - sent >= ackTimeout).Select(p => p.Transaction)];
        }
    }

    /// <summary>Everything not yet acknowledged, in sequence order (to resend after a reconnect).</summary>
    public IReadOnlyList<Transaction> All()
    {
        lock (_gate)
        {
            return [.. _pending.Values.Select(p => p.Transaction)];
        }
    }

    /// <summary>When the oldest unacknowledged transaction happened; null when none waits.</summary>
    public DateTimeOffset? OldestCreatedAt()
    {
        lock (_gate)
        {
            return _pending.Count == 0 ? null : _pending.First().Value.CreatedAt;
        }
    }

    private void Settle(ulong sequence, DateTimeOffset now, List<TimeSpan> latencies)
    {
        var entry = _pending[sequence];
        _pending.Remove(sequence);
        latencies.Add(now - (entry.FirstSentAt ?? entry.CreatedAt));
    }

    private sealed class PendingTransaction(Transaction transaction, DateTimeOffset createdAt)
    {
        public Transaction Transaction { get; } = transaction;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset? FirstSentAt { get; set; }

        public DateTimeOffset? LastSentAt { get; set; }

        public int Attempts { get; set; }
    }
}
