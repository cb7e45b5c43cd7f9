namespace KioskAgent.Members;

/// <summary>What <see cref="MemberCache.ApplyDelta"/> did with a delta.</summary>
public enum DeltaResult
{
    /// <summary>The delta was version + 1 and is now applied, all of it.</summary>
    Applied = 1,

    /// <summary>The cache already holds this version or a later one; nothing changed (deltas are idempotent).</summary>
    AlreadyApplied = 2,

    /// <summary>The delta is more than one version ahead: nothing was applied; ask central for a snapshot.</summary>
    Gap = 3,
}
