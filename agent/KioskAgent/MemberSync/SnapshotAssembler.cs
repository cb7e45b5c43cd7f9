namespace KioskAgent.MemberSync;

/// <summary>
/// Decides what each verified snapshot chunk means (pure bookkeeping; the caller stores the data):
/// chunks come in any order, a repeated chunk is harmless, a newer snapshot id supersedes an
/// unfinished one, and a snapshot that stops receiving chunks is abandoned after a while. The cache
/// keeps serving the old data until <see cref="PendingSnapshot.IsComplete"/>.
/// </summary>
public sealed class SnapshotAssembler(TimeProvider time, TimeSpan abandonAfter)
{
    /// <summary>Completed and superseded ids remembered so their late chunks stay ignored.</summary>
    private const int RememberedIds = 16;

    private readonly Queue<string> _finished = new();

    /// <summary>The snapshot being received, or null.</summary>
    public PendingSnapshot? Pending { get; private set; }

    /// <summary>The snapshot an accepted chunk superseded, set by <see cref="Offer"/> (null: none).</summary>
    public PendingSnapshot? Superseded { get; private set; }

    /// <summary>
    /// Records a chunk whose hash has been verified. <paramref name="cacheVersion"/> is the version the
    /// cache holds now: a snapshot older than that is stale (versions never go back).
    /// </summary>
    public ChunkVerdict Offer(string snapshotId, ulong version, uint index, uint count, ulong cacheVersion)
    {
        Superseded = null;
        var now = time.GetUtcNow();
        if (Pending is { } pending && pending.SnapshotId == snapshotId)
        {
            if (pending.Version != version || pending.Count != count)
            {
                return ChunkVerdict.Inconsistent;
            }

            if (pending.Has(index))
            {
                return ChunkVerdict.Duplicate;
            }

            pending.Add(index, now);
            return ChunkVerdict.Added;
        }

        if (_finished.Contains(snapshotId))
        {
            return ChunkVerdict.Duplicate;
        }

        if (version < cacheVersion || (Pending is { } current && version < current.Version))
        {
            return ChunkVerdict.Stale;
        }

        if (Pending is { } old)
        {
            Superseded = old;
            Finish(old, remember: true);
        }

        Pending = new PendingSnapshot(snapshotId, version, count, now);
        Pending.Add(index, now);
        return ChunkVerdict.Started;
    }

    /// <summary>The pending snapshot was committed: its late chunks are duplicates from now on.</summary>
    public PendingSnapshot? Complete() => Pending is { } pending ? Finish(pending, remember: true) : null;

    /// <summary>
    /// The pending snapshot cannot be used (bad member data, store failure): dropped. It is not
    /// remembered, so central may send the same snapshot id again in answer to a resync.
    /// </summary>
    public PendingSnapshot? Abandon() => Pending is { } pending ? Finish(pending, remember: false) : null;

    /// <summary>When the snapshot being received counts as stalled (if no chunk comes before), or null.</summary>
    public DateTimeOffset? StalledAt => Pending is { } pending ? pending.LastChunkAt + abandonAfter : null;

    /// <summary>Abandons and returns the pending snapshot if no chunk of it came for the abandon time.</summary>
    public PendingSnapshot? AbandonIfStalled() =>
        Pending is { } pending && time.GetUtcNow() - pending.LastChunkAt >= abandonAfter ? Abandon() : null;

    private PendingSnapshot Finish(PendingSnapshot snapshot, bool remember)
    {
        Pending = null;
        if (!remember)
        {
            return snapshot;
        }

        _finished.Enqueue(snapshot.SnapshotId);
        while (_finished.Count > RememberedIds)
        {
            _finished.Dequeue();
        }

        return snapshot;
    }
}
