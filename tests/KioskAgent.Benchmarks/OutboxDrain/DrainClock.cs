using System.Diagnostics;
using KioskAgent.Central;
using KioskAgent.Central.Transactions;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Benchmarks.OutboxDrain;

/// <summary>
/// Timestamps one kiosk's transactions as central sees them: the first message, the message that
/// completes the set (N distinct ids), and the ack that covers all N. Also counts repeats and
/// messages that arrived below the highest sequence seen (out of order).
/// </summary>
public sealed class DrainClock
{
    private readonly KioskKey _kiosk;
    private readonly int _expected;
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _acknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _ids = [];
    private ulong _highest;

    public DrainClock(TransactionLedger ledger, KioskKey kiosk, int expected)
    {
        _kiosk = kiosk;
        _expected = expected;
        ledger.Recorded += OnRecorded;
        ledger.Acknowledged += OnAcknowledged;
    }

    public long FirstReceived { get; private set; }

    public long AllReceived { get; private set; }

    public long LastReceived { get; private set; }

    /// <summary>Distinct transactions received so far.</summary>
    public int Distinct
    {
        get
        {
            lock (_gate)
            {
                return _ids.Count;
            }
        }
    }

    public long AllAcknowledged { get; private set; }

    public int Messages { get; private set; }

    public int OutOfOrder { get; private set; }


    public Task Complete => _complete.Task;

    public Task FirstReceipt => _first.Task;

    public Task Acknowledged => _acknowledged.Task;

    private void OnRecorded(RecordResult result)
    {
        if (result.Stored.Kiosk != _kiosk)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (Messages++ == 0)
            {
                FirstReceived = now;
                _first.TrySetResult();
            }

            if (result.Stored.Sequence < _highest)
            {
                OutOfOrder++;
            }

            _highest = Math.Max(_highest, result.Stored.Sequence);
            LastReceived = now;
            if (_ids.Add(result.Stored.Id) && _ids.Count == _expected)
            {
                AllReceived = now;
                _complete.TrySetResult();
            }
        }
    }

    private void OnAcknowledged(KioskKey kiosk, TransactionAck ack)
    {
        if (kiosk == _kiosk && ack.ContiguousSequence >= (ulong)_expected && AllAcknowledged == 0)
        {
            AllAcknowledged = Stopwatch.GetTimestamp();
            _acknowledged.TrySetResult();
        }
    }
}
