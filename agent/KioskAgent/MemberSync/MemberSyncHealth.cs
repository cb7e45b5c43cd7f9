using Google.Protobuf.WellKnownTypes;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;

namespace KioskAgent.MemberSync;

/// <summary>The member cache's version and age, a snapshot in progress, and the sync counters, in every health report.</summary>
public sealed class MemberSyncHealth(MemberCache cache, MemberSyncEngine engine, MemberSyncCounters counters, TimeProvider time) : IHealthReportContributor
{
    public void Contribute(HealthReport report)
    {
        var state = cache.State;
        var status = new MemberSyncStatus
        {
            Version = state.Version,
            SnapshotId = state.SnapshotId ?? "",
            MemberCount = (ulong)Math.Max(0, state.MemberCount),
        };
        if (state.SyncedAt is { } syncedAt)
        {
            status.SyncedAt = Timestamp.FromDateTimeOffset(syncedAt);
            status.AgeSeconds = (ulong)Math.Max(0, (time.GetUtcNow() - syncedAt).TotalSeconds);
        }

        // Read from another thread than the engine's: a report may be a chunk behind, never wrong for long.
        if (engine.Pending is { } pending)
        {
            status.PendingSnapshotId = pending.SnapshotId;
            status.PendingChunksReceived = (uint)pending.Received;
            status.PendingChunksCount = pending.Count;
        }

        status.RebuiltReason = cache.RebuiltBecause ?? "";
        if (cache.RebuiltAt is { } rebuiltAt)
        {
            status.RebuiltAt = Timestamp.FromDateTimeOffset(rebuiltAt);
        }

        status.AwaitingData = cache.AwaitingData;
        report.MemberSync = status;
        foreach (var (name, value) in counters.Snapshot())
        {
            report.Counters[name] = value;
        }

        foreach (var (reason, value) in cache.Rebuilds)
        {
            report.Counters[$"members.cache.rebuilt.{reason}"] = value;
        }
    }
}
