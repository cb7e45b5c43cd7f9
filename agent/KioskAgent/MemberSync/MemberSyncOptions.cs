namespace KioskAgent.MemberSync;

/// <summary>Limits and timings of the member sync from central (section <c>MemberSync</c>, docs/configuration.md).</summary>
public sealed class MemberSyncOptions
{
    public const string Section = "MemberSync";

    /// <summary>A snapshot chunk larger than this is refused unread (oversized).</summary>
    public int MaxChunkBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>A delta larger than this is refused unread.</summary>
    public int MaxDeltaBytes { get; set; } = 1024 * 1024;

    /// <summary>A live member answer larger than this is refused unread.</summary>
    public int MaxAnswerBytes { get; set; } = 64 * 1024;

    /// <summary>Chunks one snapshot may have; a chunk announcing more is refused.</summary>
    public int MaxChunksPerSnapshot { get; set; } = 10_000;

    /// <summary>A snapshot that receives no chunk for this long is dropped (and a new one asked for).</summary>
    public int SnapshotAbandonSeconds { get; set; } = 120;

    /// <summary>Resync requests are at least this far apart, whatever asks for them.</summary>
    public int ResyncMinIntervalSeconds { get; set; } = 30;

    /// <summary>Deltas ahead of the cache kept for after a snapshot or a gap; older ones are dropped beyond this.</summary>
    public int MaxHeldDeltas { get; set; } = 32;

    /// <summary>Member messages waiting to be applied; the MQTT link waits while this is full.</summary>
    public int QueueCapacity { get; set; } = 8;
}
