namespace KioskAgent.MemberSync;

/// <summary>Why a kiosk asks central for a full snapshot: <c>ResyncRequest.reason</c>.</summary>
public static class ResyncReasons
{
    /// <summary>The cache has no data (version 0).</summary>
    public const string NoData = "no_data";

    /// <summary>A delta skipped versions (or one could not be applied and the next would).</summary>
    public const string VersionGap = "version_gap";

    public const string InvalidDelta = "invalid_delta";

    /// <summary>A snapshot chunk's hash did not match its data.</summary>
    public const string HashMismatch = "hash_mismatch";

    /// <summary>A snapshot stopped arriving before all its chunks were in.</summary>
    public const string SnapshotTimeout = "snapshot_timeout";

    /// <summary>The cache failed to store a snapshot (disk).</summary>
    public const string StoreFailed = "store_failed";

    /// <summary>Central's sync_now command.</summary>
    public const string Command = "command";

    /// <summary>Central's reset_versions command, or a stored version beyond any central's: the cache is at version 0 and keeps serving its data until the snapshot lands.</summary>
    public const string Reset = "reset";

    /// <summary>The staff list is older than the member data it rides with (an agent that had no staff list, or a stop between the two stores).</summary>
    public const string StaffBehind = "staff_behind";
}
