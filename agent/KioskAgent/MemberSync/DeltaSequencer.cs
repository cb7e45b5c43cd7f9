using KioskAgent.Contracts.V1;

namespace KioskAgent.MemberSync;

/// <summary>
/// The delta version rule (a delta applies only on top of version - 1) and a small buffer of deltas
/// that arrived ahead of the cache: while a snapshot is being received, or after a gap, they are
/// kept for a while and applied once the cache reaches the version just below them. Pure: the
/// caller applies what it is handed.
/// </summary>
public sealed class DeltaSequencer(TimeProvider time, int capacity, TimeSpan keepFor)
{
    private readonly SortedDictionary<ulong, (MemberDelta Delta, DateTimeOffset At)> _ahead = [];

    public int Buffered => _ahead.Count;

    public static DeltaVerdict Classify(ulong version, ulong cacheVersion, bool snapshotPending) =>
        version <= cacheVersion ? DeltaVerdict.AlreadyApplied
        : version == cacheVersion + 1 ? DeltaVerdict.Apply
        : snapshotPending ? DeltaVerdict.AwaitSnapshot
        : DeltaVerdict.Gap;

    /// <summary>Keeps a delta that is ahead of the cache. False when the buffer is full (the delta is dropped).</summary>
    public bool Hold(MemberDelta delta)
    {
        DropExpired();
        if (_ahead.ContainsKey(delta.Version))
        {
            return true;
        }

        if (_ahead.Count >= capacity)
        {
            return false;
        }

        _ahead[delta.Version] = (delta, time.GetUtcNow());
        return true;
    }

    /// <summary>
    /// Removes and returns, in order, the held deltas that follow <paramref name="cacheVersion"/>
    /// without a gap; held deltas at or below it are dropped (the cache already has them).
    /// </summary>
    public IReadOnlyList<MemberDelta> TakeRunAfter(ulong cacheVersion)
    {
        DropExpired();
        foreach (var version in _ahead.Keys.Where(v => v <= cacheVersion).ToList())
        {
            _ahead.Remove(version);
        }

        var run = new List<MemberDelta>();
        var next = cacheVersion + 1;
        while (_ahead.Remove(next, out var held))
        {
            run.Add(held.Delta);
            next++;
        }

        return run;
    }

    public void Clear() => _ahead.Clear();

    private void DropExpired()
    {
        var cutoff = time.GetUtcNow() - keepFor;
        foreach (var (version, held) in _ahead.Where(kv => kv.Value.At < cutoff).ToList())
        {
            _ahead.Remove(version);
        }
    }
}
