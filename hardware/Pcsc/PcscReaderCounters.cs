using System.Collections.Concurrent;

namespace KioskAgent.Hardware.Pcsc;

/// <summary>What one <see cref="PcscCardReader"/> has seen since it was created. Safe to read from any thread.</summary>
public sealed class PcscReaderCounters
{
    private readonly ConcurrentDictionary<string, long> _failuresByReason = new(StringComparer.Ordinal);
    private long _taps;
    private long _removals;
    private long _readFailures;
    private long _reconnects;
    private long _serviceLosses;
    private long _readerLosses;
    private long _stuckExchanges;

    /// <summary>Cards read successfully (CardPresented yielded).</summary>
    public long Taps => Interlocked.Read(ref _taps);

    public long Removals => Interlocked.Read(ref _removals);

    /// <summary>CardReadFailed yielded, all reasons.</summary>
    public long ReadFailures => Interlocked.Read(ref _readFailures);

    /// <summary>Times the reader re-established its pcscd context after losing it.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Times pcscd went away under a working context.</summary>
    public long ServiceLosses => Interlocked.Read(ref _serviceLosses);

    /// <summary>Times the watched reader disappeared from pcscd's list.</summary>
    public long ReaderLosses => Interlocked.Read(ref _readerLosses);

    /// <summary>Card exchanges that passed their deadline and were abandoned (the reader was reported <c>card_stuck</c>).</summary>
    public long StuckExchanges => Interlocked.Read(ref _stuckExchanges);

    /// <summary>A snapshot of read failures by <see cref="PcscReadFailureReasons"/> code.</summary>
    public IReadOnlyDictionary<string, long> ReadFailuresByReason => new Dictionary<string, long>(_failuresByReason, StringComparer.Ordinal);

    public long ReadFailuresFor(string reason) => _failuresByReason.TryGetValue(reason, out var count) ? count : 0;

    internal void Tap() => Interlocked.Increment(ref _taps);

    internal void Removal() => Interlocked.Increment(ref _removals);

    internal void ReadFailure(string reason)
    {
        Interlocked.Increment(ref _readFailures);
        _failuresByReason.AddOrUpdate(reason, 1, static (_, count) => count + 1);
    }

    internal void Reconnect() => Interlocked.Increment(ref _reconnects);

    internal void ServiceLoss() => Interlocked.Increment(ref _serviceLosses);

    internal void Stuck() => Interlocked.Increment(ref _stuckExchanges);

    internal void ReaderLoss() => Interlocked.Increment(ref _readerLosses);
}
