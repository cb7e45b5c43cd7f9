namespace KioskAgent.MemberSync;

/// <summary>Where a delta stands against the cache's version.</summary>
public enum DeltaVerdict
{
    /// <summary>Exactly the next version: apply it.</summary>
    Apply,

    /// <summary>At or below the cache's version: already in, ignore (counted).</summary>
    AlreadyApplied,

    /// <summary>Ahead of the cache while a snapshot is arriving: keep it for after the snapshot.</summary>
    AwaitSnapshot,

    /// <summary>Ahead of the cache with versions missing: keep it, and ask central for a snapshot.</summary>
    Gap,
}
