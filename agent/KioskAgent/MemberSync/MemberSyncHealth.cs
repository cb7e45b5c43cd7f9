using Google.Protobuf.WellKnownTypes;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;

namespace KioskAgent.MemberSync;

/// <summary>
/// The member cache's version and age, a snapshot in progress, and the sync counters, in every
/// health report; a new version asks for a report at once, so central sees it land.
/// </summary>
public sealed class MemberSyncHealth : IHealthReportContributor
{
    private readonly MemberCache _cache;
    private readonly MemberSyncEngine _engine;
    private readonly MemberSyncCounters _counters;
    private readonly TimeProvider _time;

    public MemberSyncHealth(MemberCache cache, MemberSyncEngine engine, MemberSyncCounters counters, HealthReportTrigger trigger, TimeProvider time)
    {
        _cache = cache;
        _engine = engine;
        _counters = counters;
        _time = time;
        var version = cache.State.Version;
        cache.StateChanged += () =>
        {
            var now = cache.State.Version;
            if (Interlocked.Exchange(ref version, now) != now)
            {
                trigger.Request();
            }
        };
    }

    public void Contribute(HealthReport report)
    {
        var state = _cache.State;
        var status = new MemberSyncStatus
        {
            Version = state.Version,
            SnapshotId = state.SnapshotId ?? "",
            MemberCount = (ulong)Math.Max(0, state.MemberCount),
        };
        if (state.SyncedAt is { } syncedAt)
        {
            status.SyncedAt = Timestamp.FromDateTimeOffset(syncedAt);
            status.AgeSeconds = (ulong)Math.Max(0, (_time.GetUtcNow() - syncedAt).TotalSeconds);
        }

        // Read from another thread than the engine's: a report may be a chunk behind, never wrong for long.
        if (_engine.Pending is { } pending)
        {
            status.PendingSnapshotId = pending.SnapshotId;
            status.PendingChunksReceived = (uint)pending.Received;
            status.PendingChunksCount = pending.Count;
        }

        status.RebuiltReason = _cache.RebuiltBecause ?? "";
        if (_cache.RebuiltAt is { } rebuiltAt)
        {
            status.RebuiltAt = Timestamp.FromDateTimeOffset(rebuiltAt);
        }

        status.AwaitingData = _cache.AwaitingData;
        report.MemberSync = status;
        foreach (var (name, value) in _counters.Snapshot())
        {
            report.Counters[name] = value;
        }

        foreach (var (reason, value) in _cache.Rebuilds)
        {
            report.Counters[$"members.cache.rebuilt.{reason}"] = value;
        }
    }
}
