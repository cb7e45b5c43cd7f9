using Google.Protobuf;
using KioskAgent.CentralLink;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;
using KioskAgent.Staff;
using Microsoft.Extensions.Options;

namespace KioskAgent.MemberSync;

/// <summary>
/// Applies central's member data to the cache: snapshot chunks (hash first, then assembled in any
/// order and swapped in only when all are in), deltas (exactly version + 1; at or below the cache
/// ignored; ahead of it held and a snapshot asked for), and anything malformed refused into the
/// dead-letter log with nothing applied. Decides when to ask central for a snapshot
/// (<see cref="Resync"/>); the <see cref="MemberSyncWorker"/> sends the request. Versions move forward
/// only as far as <see cref="InboundVersions"/> allows (<c>version_jump</c>). One thread at a time.
/// </summary>
public sealed partial class MemberSyncEngine : IDisposable
{
    public const string SnapshotKind = "member_snapshot";
    public const string DeltaKind = "member_delta";

    private readonly MemberCache _cache;
    private readonly DeadLetterLog _deadLetters;
    private readonly MemberSyncCounters _counters;
    private readonly MemberSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MemberSyncEngine> _logger;
    private readonly SnapshotAssembler _assembler;
    private readonly DeltaSequencer _held;
    private readonly StaffDirectory? _staff;
    private readonly List<StaffRecord> _pendingStaff = [];
    private MemberSnapshotWriter? _writer;

    /// <summary><paramref name="staff"/>: the staff list that rides with the member data (none in tests of members alone).</summary>
    public MemberSyncEngine(MemberCache cache, DeadLetterLog deadLetters, MemberSyncCounters counters, IOptions<MemberSyncOptions> options, TimeProvider time, ILogger<MemberSyncEngine> logger, StaffDirectory? staff = null)
    {
        _staff = staff;
        _cache = cache;
        _deadLetters = deadLetters;
        _counters = counters;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var abandonAfter = TimeSpan.FromSeconds(_options.SnapshotAbandonSeconds);
        _assembler = new SnapshotAssembler(time, abandonAfter);
        _held = new DeltaSequencer(time, _options.MaxHeldDeltas, abandonAfter);
        Resync = new ResyncScheduler(time, TimeSpan.FromSeconds(_options.ResyncMinIntervalSeconds));
    }

    public ResyncScheduler Resync { get; }

    /// <summary>The snapshot being received, or null. Read it on the engine's thread only.</summary>
    public PendingSnapshot? Pending => _assembler.Pending;

    /// <summary>Decodes, checks and applies a chunk (tests; the worker decodes ahead in parallel).</summary>
    public void OnSnapshotChunk(InboundMemberMessage message) =>
        OnSnapshotChunk(message, MemberMessageDecoder.DecodeChunk(message, _options.MaxChunksPerSnapshot));

    public void OnSnapshotChunk(InboundMemberMessage message, Decoded<MemberSnapshotChunk> decoded)
    {
        if (decoded.Value is not { } chunk)
        {
            Reject(SnapshotKind, decoded.Reason, message);
            if (decoded.Reason == RejectReasons.HashMismatch)
            {
                Resync.Want(ResyncReasons.HashMismatch);
            }

            return;
        }

        if (!InboundVersions.MayFollow(_cache.State.Version, chunk.Version))
        {
            Reject(SnapshotKind, InboundVersions.Jump, message);
            return;
        }

        switch (_assembler.Offer(chunk.SnapshotId, chunk.Version, chunk.Index, chunk.Count, _cache.State.Version))
        {
            case ChunkVerdict.Duplicate:
                _counters.Count("snapshot.chunk_duplicate");
                break;
            case ChunkVerdict.Stale:
                _counters.Count("snapshot.chunk_stale");
                break;
            case ChunkVerdict.Inconsistent:
                Reject(SnapshotKind, RejectReasons.InconsistentChunk, message);
                break;
            case ChunkVerdict.Started:
                AddChunk(chunk, message, start: true);
                break;
            case ChunkVerdict.Added:
                AddChunk(chunk, message, start: false);
                break;
        }
    }

    public void OnDelta(InboundMemberMessage message) => OnDelta(message, MemberMessageDecoder.DecodeDelta(message));

    public void OnDelta(InboundMemberMessage message, Decoded<MemberDelta> decoded)
    {
        if (decoded.Value is not { } delta)
        {
            Reject(DeltaKind, decoded.Reason, message);
            return;
        }

        if (!InboundVersions.MayFollow(_cache.State.Version, delta.Version))
        {
            Reject(DeltaKind, InboundVersions.Jump, message);
            return;
        }

        switch (DeltaSequencer.Classify(delta.Version, _cache.State.Version, _assembler.Pending is not null))
        {
            case DeltaVerdict.AlreadyApplied:
                _counters.Count("delta.already_applied");
                break;
            case DeltaVerdict.AwaitSnapshot:
                Hold(delta);
                break;
            case DeltaVerdict.Gap:
                _counters.Count("delta.gap");
                LogGap(delta.Version, _cache.State.Version);
                Hold(delta);
                Resync.Want(ResyncReasons.VersionGap);
                break;
            case DeltaVerdict.Apply:
                Apply(delta, message.Topic, message.Payload);
                ApplyHeldDeltas();
                break;
        }
    }

    /// <summary>
    /// reset_versions: drops any snapshot in progress and any held deltas (their versions may be
    /// what went wrong), sets the cache back to version 0 with its data still served, and asks
    /// central for a snapshot at once, which is then taken whatever its version. Returns the version held before.
    /// </summary>
    public ulong ResetVersion()
    {
        if (_assembler.Abandon() is not null)
        {
            _counters.Count("snapshot.abandoned");
        }

        DiscardWriter();
        _held.Clear();
        var before = _cache.ResetVersion();
        _counters.Count("version.reset");
        LogReset(before);
        Resync.WantNow(ResyncReasons.Reset);
        return before;
    }

    /// <summary>
    /// How long the worker may wait for work before <see cref="Tick"/> has something to do: until a
    /// waiting resync request is due or the snapshot being received counts as stalled, and at most
    /// <paramref name="longest"/>. While a request waits for the link (<paramref name="connected"/>
    /// false) the worker looks every second, as it did always: a kiosk with nothing owed and no
    /// snapshot coming no longer wakes every second for nothing. Never under a second: a request that
    /// cannot go out (the broker refuses it) is tried again a second later, not in a busy loop.
    /// </summary>
    public TimeSpan TickDueIn(bool connected, TimeSpan longest)
    {
        var now = _time.GetUtcNow();
        var due = longest;
        if (Resync.DueAt is { } resync)
        {
            due = connected ? Min(due, resync - now) : Min(due, TimeSpan.FromSeconds(1));
        }

        if (_assembler.StalledAt is { } stalled)
        {
            due = Min(due, stalled - now);
        }

        return due < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : due;

        static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    }

    /// <summary>
    /// Periodic housekeeping: a version held from before versions were bounded is reset; a stalled
    /// snapshot is dropped; an empty cache keeps asking for data.
    /// </summary>
    public void Tick()
    {
        if (InboundVersions.IsBeyondCeiling(_cache.State.Version))
        {
            LogPoisonedVersion(_cache.State.Version);
            ResetVersion();
        }

        if (_assembler.AbandonIfStalled() is { } stalled)
        {
            DiscardWriter();
            _counters.Count("snapshot.abandoned");
            LogAbandoned(stalled.SnapshotId, stalled.Received, stalled.Count);
            Resync.Want(ResyncReasons.SnapshotTimeout);
        }

        if (_cache.State.Version == 0 && _assembler.Pending is null)
        {
            Resync.Want(ResyncReasons.NoData);
        }

        if (_staff is not null && _staff.Version < _cache.State.Version && _assembler.Pending is null)
        {
            Resync.Want(ResyncReasons.StaffBehind);
        }
    }

    public void Dispose() => DiscardWriter();

    /// <summary>Staff records are checked before any member of their chunk is stored: a bad one refuses the whole snapshot.</summary>
    private void CheckStaff(IReadOnlyList<StaffRecord> records)
    {
        if (_staff is not null && records.Count > 0 && StaffRecordValidator.Validate(records) is { Count: > 0 } problems)
        {
            throw new StaffListException(problems);
        }
    }

    private void Begin(MemberSnapshotChunk chunk)
    {
        if (_assembler.Superseded is { } old)
        {
            _counters.Count("snapshot.superseded");
            LogSuperseded(old.SnapshotId, chunk.SnapshotId);
        }

        DiscardWriter();
        _pendingStaff.Clear();
        _writer = _cache.BeginSnapshot(chunk.SnapshotId, chunk.Version);
        LogSnapshotStarted(chunk.SnapshotId, chunk.Version, chunk.Count);
    }

    private void AddChunk(MemberSnapshotChunk chunk, InboundMemberMessage message, bool start)
    {
        var pending = _assembler.Pending!;
        try
        {
            if (start)
            {
                Begin(chunk);
            }

            CheckStaff(chunk.Batch.Staff);
            _writer!.Add(chunk.Batch);
            _pendingStaff.AddRange(chunk.Batch.Staff);
            if (pending.IsComplete)
            {
                Commit(pending);
            }
        }
        catch (MemberDataException ex)
        {
            Reject(SnapshotKind, RejectReasons.InvalidMemberData, message);
            LogInvalidSnapshot(pending.SnapshotId, chunk.Index, ex.Problems.Count);
            AbandonSnapshot();
        }
        catch (StaffListException ex)
        {
            Reject(SnapshotKind, RejectReasons.InvalidMemberData, message);
            LogInvalidSnapshot(pending.SnapshotId, chunk.Index, ex.Problems.Count);
            AbandonSnapshot();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            _counters.Count("snapshot.store_failed");
            LogStoreFailed(pending.SnapshotId, ex.Message);
            AbandonSnapshot();
            Resync.Want(ResyncReasons.StoreFailed);
        }
    }

    private void Commit(PendingSnapshot pending)
    {
        var started = _time.GetTimestamp();
        // The staff list of all chunks together (a card twice across chunks) is checked before anything is swapped in.
        CheckStaff(_pendingStaff);
        _writer!.Commit(_time.GetUtcNow());
        _staff?.ReplaceAll(_pendingStaff, pending.Version);
        _pendingStaff.Clear();
        _writer.Dispose();
        _writer = null;
        _assembler.Complete();
        Resync.Satisfied();
        _counters.Count("snapshot.applied");
        var state = _cache.State;
        LogSnapshotApplied(pending.SnapshotId, state.Version, state.MemberCount, (pending.LastChunkAt - pending.StartedAt).TotalMilliseconds, _time.GetElapsedTime(started).TotalMilliseconds);
        ApplyHeldDeltas();
    }

    private void AbandonSnapshot()
    {
        _assembler.Abandon();
        DiscardWriter();
        _counters.Count("snapshot.abandoned");
    }

    private void DiscardWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private void Hold(MemberDelta delta)
    {
        _counters.Count(_held.Hold(delta) ? "delta.held" : "delta.dropped");
    }

    private void Apply(MemberDelta delta, string topic, ReadOnlySpan<byte> payload)
    {
        try
        {
            if (_staff is not null && _staff.CheckDelta(delta.StaffUpserts, delta.RemovedStaffIds) is { Count: > 0 } staffProblems)
            {
                throw new StaffListException(staffProblems);
            }

            switch (_cache.ApplyDelta(delta, _time.GetUtcNow()))
            {
                case DeltaResult.Applied:
                    _staff?.ApplyDelta(delta.StaffUpserts, delta.RemovedStaffIds, delta.Version);
                    _counters.Count("delta.applied");
                    break;
                case DeltaResult.AlreadyApplied:
                    _counters.Count("delta.already_applied");
                    break;
                case DeltaResult.Gap:
                    Hold(delta);
                    Resync.Want(ResyncReasons.VersionGap);
                    break;
            }
        }
        catch (MemberDataException ex)
        {
            // Nothing of it was applied; the next delta will show the gap it leaves, so ask now.
            Reject(DeltaKind, RejectReasons.InvalidMemberData, topic, payload);
            LogInvalidDelta(delta.Version, ex.Problems.Count);
            Resync.Want(ResyncReasons.InvalidDelta);
        }
        catch (StaffListException ex)
        {
            Reject(DeltaKind, RejectReasons.InvalidMemberData, topic, payload);
            LogInvalidDelta(delta.Version, ex.Problems.Count);
            Resync.Want(ResyncReasons.InvalidDelta);
        }
    }

    /// <summary>Applies held deltas that now follow the cache; any left beyond a gap need a snapshot.</summary>
    private void ApplyHeldDeltas()
    {
        foreach (var delta in _held.TakeRunAfter(_cache.State.Version))
        {
            Apply(delta, "", delta.ToByteArray());
        }

        if (_held.Buffered > 0 && _assembler.Pending is null)
        {
            Resync.Want(ResyncReasons.VersionGap);
        }
    }

    private void Reject(string kind, string reason, InboundMemberMessage message) => Reject(kind, reason, message.Topic, message.Payload);

    private void Reject(string kind, string reason, string topic, ReadOnlySpan<byte> payload) => _deadLetters.Reject(kind, reason, topic, payload);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member snapshot {SnapshotId} (version {Version}, {Count} chunks) started")]
    private partial void LogSnapshotStarted(string snapshotId, ulong version, uint count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member snapshot {SnapshotId} applied: version {Version}, {Members} members; chunks arrived over {ReceiveMs:F0} ms, swap took {CommitMs:F0} ms")]
    private partial void LogSnapshotApplied(string snapshotId, ulong version, long members, double receiveMs, double commitMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member snapshot {Old} superseded by {New}")]
    private partial void LogSuperseded(string old, string @new);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member snapshot {SnapshotId} abandoned: no chunk for too long ({Received} of {Count} in)")]
    private partial void LogAbandoned(string snapshotId, int received, uint count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member snapshot {SnapshotId} dropped: chunk {Index} has {Problems} data problems")]
    private partial void LogInvalidSnapshot(string snapshotId, uint index, int problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "Member snapshot {SnapshotId} dropped: the cache could not store it: {Error}")]
    private partial void LogStoreFailed(string snapshotId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member data version reset from {Version} to 0: the cache keeps serving its data and asks central for a snapshot")]
    private partial void LogReset(ulong version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The member cache holds version {Version}, beyond any version central may send: resetting it")]
    private partial void LogPoisonedVersion(ulong version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member delta {Version} refused: {Problems} data problems")]
    private partial void LogInvalidDelta(ulong version, int problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member delta {Version} does not follow the cache's version {CacheVersion}: asking for a snapshot")]
    private partial void LogGap(ulong version, ulong cacheVersion);
}
