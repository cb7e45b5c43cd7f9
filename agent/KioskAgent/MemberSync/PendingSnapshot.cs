namespace KioskAgent.MemberSync;

/// <summary>A snapshot being received: which of its chunks are in, and when the last one came.</summary>
public sealed class PendingSnapshot(string snapshotId, ulong version, uint count, DateTimeOffset startedAt)
{
    private readonly HashSet<uint> _received = [];

    public string SnapshotId { get; } = snapshotId;

    public ulong Version { get; } = version;

    public uint Count { get; } = count;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset LastChunkAt { get; private set; } = startedAt;

    public int Received => _received.Count;

    public bool IsComplete => _received.Count == Count;

    internal bool Has(uint index) => _received.Contains(index);

    internal void Add(uint index, DateTimeOffset at)
    {
        _received.Add(index);
        LastChunkAt = at;
    }
}
