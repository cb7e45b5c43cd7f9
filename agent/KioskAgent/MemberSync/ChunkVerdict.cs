namespace KioskAgent.MemberSync;

/// <summary>What a verified snapshot chunk means for the snapshot being assembled.</summary>
public enum ChunkVerdict
{
    /// <summary>First chunk of a new snapshot (it supersedes any unfinished one): begin, then add it.</summary>
    Started,

    /// <summary>A new chunk of the snapshot in progress: add it.</summary>
    Added,

    /// <summary>This index of this snapshot is already in (QoS 1 redelivery, central repeating itself): ignore.</summary>
    Duplicate,

    /// <summary>From a snapshot older than the cache or than the one in progress, or one already finished: ignore.</summary>
    Stale,

    /// <summary>Same snapshot id as the one in progress but another version or chunk count: refuse.</summary>
    Inconsistent,
}
