namespace KioskAgent.Members;

/// <summary>
/// Where the member cache stands against central's data: the version it holds (0 = nothing from
/// central yet, ask for a full snapshot), the snapshot it was built from, when it last synced, and
/// how many members it holds.
/// </summary>
public sealed record MemberCacheState(ulong Version, string? SnapshotId, DateTimeOffset? SyncedAt, long MemberCount)
{
    public static MemberCacheState Empty { get; } = new(0, null, null, 0);
}
