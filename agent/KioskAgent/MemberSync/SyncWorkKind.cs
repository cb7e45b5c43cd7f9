namespace KioskAgent.MemberSync;

public enum SyncWorkKind
{
    SnapshotChunk,
    Delta,
    /// <summary>sync_now: ask central for a snapshot now, whatever the rate limit.</summary>
    ResyncNow,
}
