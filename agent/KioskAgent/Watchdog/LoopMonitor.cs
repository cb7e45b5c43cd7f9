using System.Collections.Concurrent;

namespace KioskAgent.Watchdog;

/// <summary>
/// Which of the agent's main loops are making progress. A periodic loop (the central link, the
/// device manager) beats every round and is stalled when silent longer than its limit; a loop that
/// waits for work (a card reader) is stalled only when one piece of work runs longer than its limit,
/// so a reader idle for hours is not mistaken for a hung one. Read by <see cref="SystemdWatchdog"/>.
/// </summary>
public sealed class LoopMonitor(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Loop> _loops = new(StringComparer.Ordinal);

    /// <summary>A loop that must call <see cref="Loop.Beat"/> at least every <paramref name="maxSilence"/>.</summary>
    public Loop Periodic(string name, TimeSpan maxSilence) =>
        _loops.GetOrAdd(name, n => new Loop(n, maxSilence, periodic: true, time));

    /// <summary>A loop whose pieces of work (<see cref="Loop.Working"/>) must each end within <paramref name="maxWork"/>.</summary>
    public Loop OnDemand(string name, TimeSpan maxWork) =>
        _loops.GetOrAdd(name, n => new Loop(n, maxWork, periodic: false, time));

    /// <summary>The loops stalled now, with how long they have been.</summary>
    public IReadOnlyList<(string Name, TimeSpan For)> Stalled()
    {
        var now = time.GetTimestamp();
        return [.. _loops.Values.Select(l => (l.Name, For: l.StalledFor(now))).Where(s => s.For > TimeSpan.Zero).OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>One monitored loop.</summary>
    public sealed class Loop
    {
        private readonly TimeSpan _limit;
        private readonly bool _periodic;
        private readonly TimeProvider _time;
        private long _lastBeat;
        private long _workStarted;
        private int _working;

        internal Loop(string name, TimeSpan limit, bool periodic, TimeProvider time)
        {
            Name = name;
            _limit = limit;
            _periodic = periodic;
            _time = time;
            _lastBeat = time.GetTimestamp();
        }

        public string Name { get; }

        public void Beat() => Volatile.Write(ref _lastBeat, _time.GetTimestamp());

        /// <summary>Marks a piece of work; dispose it when the work ends. Pieces may overlap (several readers).</summary>
        public IDisposable Working()
        {
            if (Interlocked.Increment(ref _working) == 1)
            {
                Volatile.Write(ref _workStarted, _time.GetTimestamp());
            }

            return new Done(this);
        }

        internal TimeSpan StalledFor(long now)
        {
            var since = _periodic ? Volatile.Read(ref _lastBeat) : (Volatile.Read(ref _working) > 0 ? Volatile.Read(ref _workStarted) : now);
            var elapsed = _time.GetElapsedTime(since, now);
            return elapsed > _limit ? elapsed - _limit : TimeSpan.Zero;
        }

        private sealed class Done(Loop loop) : IDisposable
        {
            private int _disposed;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    Interlocked.Decrement(ref loop._working);
                }
            }
        }
    }
}
