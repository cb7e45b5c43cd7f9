using System.Diagnostics;
using KioskAgent.Central;
using KioskAgent.Central.Transactions;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Benchmarks.OutboxDrain;

/// <summary>
/// Timestamps one kiosk's transactions as central sees them: the first message, the message that
/// completes the set (N distinct ids), and the ack that covers all N. Also counts repeats and
/// messages that arrived below the highest sequence seen (out of order), and the longest time
/// central went without a message of that kiosk while some were still outstanding (a stall).
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

    /// <summary>Longest time between two consecutive messages, in Stopwatch ticks.</summary>
    public long LongestGap { get; private set; }

    public double LongestGapSeconds => Stopwatch.GetElapsedTime(0, LongestGap).TotalSeconds;

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
            if (Messages > 1)
            {
                LongestGap = Math.Max(LongestGap, now - LastReceived);
            }

            LastReceived = now;
            if (_ids.Add(result.Stored.Id) && _ids.Count == _expected)
            {
                AllReceived = now;
                _complete.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Completes when the set is complete, or throws <see cref="TimeoutException"/> as soon as no
    /// message has come for <paramref name="stall"/> while some are outstanding.
    /// </summary>
    public async Task WaitCompleteOrStallAsync(TimeSpan stall, CancellationToken cancellationToken)
    {
        while (!Complete.IsCompleted)
        {
            await Task.WhenAny(Complete, Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            long last;
            lock (_gate)
            {
                last = Messages == 0 ? 0 : LastReceived;
            }

            if (last != 0 && !Complete.IsCompleted && Stopwatch.GetElapsedTime(last) > stall)
            {
                throw new TimeoutException($"central received nothing for {stall.TotalSeconds:0} s with {_expected - Distinct} transactions outstanding");
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
