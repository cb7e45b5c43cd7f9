namespace KioskAgent.MemberSync;

public enum SyncWorkKind
{
    SnapshotChunk,
    Delta,
    /// <summary>sync_now: ask central for a snapshot now, whatever the rate limit.</summary>
    ResyncNow,
    /// <summary>reset_versions: the cache goes back to version 0 and asks for a snapshot now.</summary>
    ResetVersion,
}
