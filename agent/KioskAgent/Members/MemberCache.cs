using System.Collections.Concurrent;
using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hosting;
using KioskAgent.Rewards;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KioskAgent.Members;

/// <summary>
/// The member cache: members, cards, levels, gifts and the sync version in a SQLite file
/// (<see cref="FileName"/>) in the data directory. Personal data is encrypted in the application
/// with keys from the kiosk's secret (<see cref="MemberCacheKey"/>): each member's record with
/// AES-GCM bound to its row, the lookup columns as keyed hashes. It can always be re-synced from
/// central, which is why its commits are not synced to disk one by one as the journal's are.
/// <para>
/// Thread safety: every member is safe to call from any thread. Lookups run concurrently with
/// each other and with writes; a lookup sees a delta or an import entirely or not at all, and a
/// snapshot only once it is committed. Writes (<see cref="ApplyDelta"/>, <see cref="Import"/>,
/// gift stock, snapshot commits) are serialised.
/// </para>
/// </summary>
public sealed partial class MemberCache : IDisposable
{
    public const string FileName = "members.db";

    /// <summary>Where a snapshot is written before it replaces <see cref="FileName"/>.</summary>
    public const string NextFileName = "members.next.db";

    /// <summary>What SQLite keeps beside a database file: write-ahead log, its index, a rollback journal.</summary>
    private static readonly string[] SideFileSuffixes = ["-wal", "-shm", "-journal"];

    private readonly string _livePath;
    private readonly string _nextPath;
    private readonly MemberCacheCrypto _crypto;
    private readonly ILogger<MemberCache> _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, long> _rebuilds = new(StringComparer.Ordinal);
    private readonly ReaderWriterLockSlim _swap = new(LockRecursionPolicy.NoRecursion);
    private readonly Lock _writeGate = new();
    private MemberCacheFile _live;
    private MemberSnapshotWriter? _pending;
    private volatile MemberCacheState _state = MemberCacheState.Empty;
    private volatile bool _awaitingData;
    private long _rebuiltAtTicks;

    public MemberCache(IOptions<KioskOptions> options, KioskSecret secret, TimeProvider time, ILogger<MemberCache> logger)
        : this(options.Value.ResolvedDataDirectory, secret.Bytes.Span, logger, time)
    {
    }

    /// <summary>Opens (or creates) the cache in <paramref name="directory"/>, encrypted with a key derived from <paramref name="secret"/>.</summary>
    public MemberCache(string directory, ReadOnlySpan<byte> secret, ILogger<MemberCache>? logger = null, TimeProvider? time = null)
    {
        Directory.CreateDirectory(directory);
        _livePath = Path.Combine(directory, FileName);
        _nextPath = Path.Combine(directory, NextFileName);
        _crypto = new MemberCacheCrypto(secret);
        _logger = logger ?? NullLogger<MemberCache>.Instance;
        _time = time ?? TimeProvider.System;
        DiscardUnfinishedSnapshot();
        _live = OpenLive();
    }

    /// <summary>Version, snapshot, last sync and member count of the data lookups see now.</summary>
    public MemberCacheState State => _state;

    /// <summary>Raised after a delta, an import or a snapshot changed <see cref="State"/> (version, member count).</summary>
    public event Action? StateChanged;

    /// <summary>
    /// Why the file found at start could not be used and was replaced by an empty cache
    /// (<c>wrong_secret</c>, <c>unreadable</c>); null when it opened. Either way a cache at
    /// version 0 asks central for a full snapshot.
    /// </summary>
    public string? RebuiltBecause { get; private set; }

    /// <summary>When the cache was last replaced by an empty one (at start or while running); null: never in this run.</summary>
    public DateTimeOffset? RebuiltAt => Interlocked.Read(ref _rebuiltAtTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>
    /// How often the cache was found unusable and rebuilt in this run, by reason: <c>wrong_secret</c>,
    /// <c>unreadable</c> (at open), <c>damaged</c> (its integrity check or a lookup or write found
    /// damaged pages), and <c>row_damaged</c> (a row that does not open; the file is kept, its version dropped to 0).
    /// </summary>
    public IReadOnlyDictionary<string, long> Rebuilds => new Dictionary<string, long>(_rebuilds, StringComparer.Ordinal);

    /// <summary>
    /// True from the moment the cache's data was found damaged (and dropped) until a snapshot or an
    /// import brings data again: a member who is not found now may well be in central's data, so a
    /// tap is answered "try again" rather than "card unknown".
    /// </summary>
    public bool AwaitingData => _awaitingData;

    public Member? FindByCardUid(string cardUid) =>
        CardUid.TryParse(cardUid, out var uid) ? Find(MemberKeys.Uid(uid.Hex)) : null;

    /// <summary>By the printed card number (卡号), e.g. typed or scanned from a barcode.</summary>
    public Member? FindByCardNumber(string cardNumber) =>
        string.IsNullOrWhiteSpace(cardNumber) ? null : Find(MemberKeys.Number(cardNumber));

    public Member? FindByMemberNumber(string memberNumber) =>
        string.IsNullOrEmpty(memberNumber) ? null : Find(MemberKeys.Member(memberNumber));

    /// <summary>By the token in the member's digital-card QR code.</summary>
    public Member? FindByQrToken(string qrToken) =>
        string.IsNullOrEmpty(qrToken) ? null : Find(MemberKeys.Qr(qrToken));

    /// <summary>
    /// Members with this phone number, for staff who have signed in (a phone may be shared by a
    /// family). Never offer this to the member-facing screen: a phone number is not proof of identity.
    /// </summary>
    public IReadOnlyList<Member> FindByPhoneForStaff(string phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return [];
        }

        try
        {
            return Read(f => f.FindByStaffPhone(phone.Trim()), []);
        }
        catch (MemberCacheDamagedException ex)
        {
            OnDamaged(ex);
            return [];
        }
    }

    /// <summary>The level table, lowest rank first.</summary>
    public IReadOnlyList<MemberLevel> Levels() => Read(f => f.ReadLevels(), []);

    /// <summary>The gift catalogue with this kiosk's stock, by code.</summary>
    public IReadOnlyList<Gift> Gifts() => Read(f => f.ReadGifts(), []);

    public Gift? FindGift(string code) => Read(f => f.ReadGift(code), null);

    /// <summary>
    /// Runs SQLite's quick check over the live file (on a connection of its own: lookups go on); a
    /// damaged file is replaced by an empty cache at version 0, which the sync engine re-syncs.
    /// Returns what the check found, null when the file is sound (or was replaced meanwhile).
    /// </summary>
    public string? CheckIntegrity()
    {
        MemberCacheFile file;
        _swap.EnterReadLock();
        try
        {
            file = _live;
        }
        finally
        {
            _swap.ExitReadLock();
        }

        if (file.QuickCheck() is not { } problem)
        {
            return null;
        }

        RebuildDamaged(file, problem);
        return problem;
    }

    /// <summary>
    /// Takes <paramref name="count"/> pieces of a gift from this kiosk's stock when the gift is
    /// active and has them; false (and nothing changed) otherwise. Central's next snapshot or
    /// delta sets the stock again.
    /// </summary>
    public bool TryReserveGiftStock(string code, int count = 1) => ChangeGiftStock(code, -count);

    /// <summary>Puts back pieces taken by <see cref="TryReserveGiftStock"/> (a cancelled or failed redemption).</summary>
    public void ReturnGiftStock(string code, int count = 1) => ChangeGiftStock(code, count);

    /// <summary>
    /// Starts a full snapshot: a new file next to the live one, filled by
    /// <see cref="MemberSnapshotWriter.Add"/> while lookups keep reading the live data, swapped in
    /// by <see cref="MemberSnapshotWriter.Commit"/>. A newer call discards an unfinished writer.
    /// </summary>
    public MemberSnapshotWriter BeginSnapshot(string snapshotId, ulong version)
    {
        ArgumentException.ThrowIfNullOrEmpty(snapshotId);
        lock (_writeGate)
        {
            _pending?.Abandon();
            DeleteFileAndLog(_nextPath);
            _pending = new MemberSnapshotWriter(this, MemberCacheFile.CreateSnapshot(_nextPath, _crypto), _crypto, snapshotId, version);
            return _pending;
        }
    }

    /// <summary>A whole snapshot in one call: <see cref="BeginSnapshot"/>, every batch, then commit.</summary>
    public void ReplaceAll(IEnumerable<MemberBatch> batches, ulong version, string snapshotId, DateTimeOffset syncedAt)
    {
        using var writer = BeginSnapshot(snapshotId, version);
        foreach (var batch in batches)
        {
            writer.Add(batch);
        }

        writer.Commit(syncedAt);
    }

    /// <summary>
    /// Applies central's delta on top of the current version, in one transaction. A delta at or
    /// below the current version changes nothing (<see cref="DeltaResult.AlreadyApplied"/>); one
    /// further ahead than the next version changes nothing either (<see cref="DeltaResult.Gap"/>:
    /// ask for a snapshot). Non-empty <c>levels</c> replace the level table.
    /// </summary>
    /// <exception cref="MemberDataException">The delta's data is invalid; nothing was applied, the version is unchanged.</exception>
    public DeltaResult ApplyDelta(MemberDelta delta, DateTimeOffset syncedAt)
    {
        ArgumentNullException.ThrowIfNull(delta);
        lock (_writeGate)
        {
            var state = _state;
            if (delta.Version <= state.Version)
            {
                return DeltaResult.AlreadyApplied;
            }

            if (delta.Version > state.Version + 1)
            {
                return DeltaResult.Gap;
            }

            var levelCodes = delta.Levels.Count > 0 ? delta.Levels.Select(l => l.Code) : Levels().Select(l => l.Code);
            var data = MemberRecordValidator.Validate(delta.Upserts, delta.Levels, delta.GiftUpserts, levelCodes.ToHashSet(StringComparer.Ordinal), MemberDataSections.Delta)
                .ThrowIfInvalid();
            var changes = new MemberChanges(data, delta.RemovedMemberNumbers, delta.RemovedGiftCodes, ReplaceLevels: true, MemberDataSections.Delta.Members);
            try
            {
                Write(changes, count => state with { Version = delta.Version, SyncedAt = syncedAt, MemberCount = count });
            }
            catch (MemberCacheDamagedException ex)
            {
                // Nothing was applied; the cache now asks for a full snapshot, which a gap leads to as well.
                OnDamagedLocked(ex);
                return DeltaResult.Gap;
            }
            catch (SqliteException ex) when (MemberCacheFile.IsDamage(ex))
            {
                RebuildDamaged(_live, ex.Message);
                return DeltaResult.Gap;
            }

            LogDelta(delta.Version, data.Members.Count, delta.RemovedMemberNumbers.Count);
            return DeltaResult.Applied;
        }
    }

    /// <summary>
    /// Merges an import file's batch: members replace those with the same number, levels and gifts
    /// those with the same code; all of it or nothing. The sync version stays as it is. Members
    /// without <c>updated_at</c> get <paramref name="at"/>.
    /// </summary>
    /// <exception cref="MemberDataException">Every problem in the batch, with positions; nothing was applied.</exception>
    public void Import(MemberBatch batch, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_writeGate)
        {
            var levelCodes = Levels().Select(l => l.Code).Concat(batch.Levels.Select(l => l.Code)).ToHashSet(StringComparer.Ordinal);
            var data = MemberRecordValidator.Validate(batch.Members, batch.Levels, batch.Gifts, levelCodes, MemberDataSections.Batch).ThrowIfInvalid();
            foreach (var member in data.Members)
            {
                member.UpdatedAt ??= at;
            }

            var state = _state;
            try
            {
                Write(new MemberChanges(data, [], [], ReplaceLevels: false, MemberDataSections.Batch.Members), count => state with { MemberCount = count });
            }
            catch (MemberCacheDamagedException ex)
            {
                OnDamagedLocked(ex);
                throw CacheDamagedProblem();
            }
            catch (SqliteException ex) when (MemberCacheFile.IsDamage(ex))
            {
                RebuildDamaged(_live, ex.Message);
                throw CacheDamagedProblem();
            }

            _awaitingData = false;
            LogImported(data.Members.Count, data.Levels.Count, data.Gifts.Count);
        }
    }

    public void Dispose()
    {
        lock (_writeGate)
        {
            _pending?.Abandon();
            _pending = null;
            _live.Dispose();
        }

        _swap.Dispose();
        _crypto.Dispose();
    }

    /// <summary>Called by a committing writer: swaps its finished file in place of the live one.</summary>
    internal void SwapIn(MemberSnapshotWriter writer, MemberCacheFile finished)
    {
        lock (_writeGate)
        {
            if (!ReferenceEquals(_pending, writer))
            {
                finished.Dispose();
                throw new InvalidOperationException("This snapshot was superseded by a newer one and was not applied.");
            }

            _pending = null;
            finished.Dispose();
            SyncToDisk(_nextPath);
            _swap.EnterWriteLock();
            try
            {
                _live.Dispose();

                // A write-ahead log left beside the old file must never be replayed into the new one.
                DeleteSideFiles(_livePath);
                File.Move(_nextPath, _livePath, overwrite: true);

                // The rename itself must reach the disk, or a power cut brings back the old file's name.
                Storage.AtomicFile.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(_livePath))!);
            }
            finally
            {
                _live = OpenLive();
                _swap.ExitWriteLock();
            }

            _awaitingData = false;
        }

        LogSnapshotApplied(_state.SnapshotId ?? "", _state.Version, _state.MemberCount);
        StateChanged?.Invoke();
    }

    /// <summary>Called by a writer disposed without commit.</summary>
    internal void Forget(MemberSnapshotWriter writer)
    {
        lock (_writeGate)
        {
            if (ReferenceEquals(_pending, writer))
            {
                _pending = null;
            }
        }
    }

    /// <summary>Deletes a cache file with the files SQLite keeps beside it.</summary>
    internal static void DeleteFileAndLog(string path)
    {
        File.Delete(path);
        DeleteSideFiles(path);
    }

    private static void DeleteSideFiles(string path)
    {
        foreach (var suffix in SideFileSuffixes)
        {
            File.Delete(path + suffix);
        }
    }

    /// <summary>The snapshot file's bytes reach the disk before the rename can: after a power cut either name holds a complete file.</summary>
    private static void SyncToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    private static MemberDataException CacheDamagedProblem() =>
        new([new MemberDataProblem("members", -1, "", "the member cache is damaged and is being re-synced from central; import again afterwards")]);

    private Member? Find(string key)
    {
        try
        {
            return Read(f => f.FindByKey(key), null);
        }
        catch (MemberCacheDamagedException ex)
        {
            OnDamaged(ex);
            return null;
        }
    }

    /// <summary>
    /// Runs a read on the live file. When SQLite finds the file damaged, the file is replaced by an
    /// empty cache (outside the read lock) and <paramref name="whenDamaged"/> is the answer: what an
    /// empty cache holds.
    /// </summary>
    private T Read<T>(Func<MemberCacheConnection, T> read, T whenDamaged)
    {
        MemberCacheFile file;
        string damage;
        _swap.EnterReadLock();
        try
        {
            file = _live;
            try
            {
                return file.Read(read);
            }
            catch (SqliteException ex) when (MemberCacheFile.IsDamage(ex))
            {
                damage = ex.Message;
            }
        }
        finally
        {
            _swap.ExitReadLock();
        }

        RebuildDamaged(file, damage);
        return whenDamaged;
    }

    /// <summary>Applies changes and the new state in one transaction; the caller holds the write gate.</summary>
    private void Write(MemberChanges changes, Func<long, MemberCacheState> nextState)
    {
        var writer = _live.Writer;
        _state = writer.InTransaction(() =>
        {
            var countChange = changes.ApplyTo(writer, firstRowId => SealedMember.SealAll(changes.Data.Members, firstRowId, _crypto));
            var next = nextState(_state.MemberCount + countChange);
            writer.WriteState(next);
            return next;
        });
        StateChanged?.Invoke();
    }

    private bool ChangeGiftStock(string code, int change)
    {
        lock (_writeGate)
        {
            var writer = _live.Writer;
            try
            {
                return writer.InTransaction(() =>
                {
                    if (writer.ReadGift(code) is not { } gift || (change < 0 && (!gift.Active || gift.Stock < -change)))
                    {
                        return false;
                    }

                    gift.Stock += change;
                    writer.WriteGift(gift, replace: true);
                    return true;
                });
            }
            catch (SqliteException ex) when (MemberCacheFile.IsDamage(ex))
            {
                RebuildDamaged(_live, ex.Message);
                return false;
            }
        }
    }

    /// <summary>
    /// Central's reset_versions, or a stored version no central could follow: the cache goes back to
    /// version 0 and keeps its data, so lookups go on while the sync engine asks for a full snapshot,
    /// which is then taken whatever its version. Returns the version held before. A state row that
    /// cannot be written is reset in memory all the same (logged), so this run is never locked out.
    /// </summary>
    public ulong ResetVersion()
    {
        lock (_writeGate)
        {
            var before = _state.Version;
            var next = _state with { Version = 0, SnapshotId = null };
            try
            {
                _live.Writer.InTransaction(() =>
                {
                    _live.Writer.WriteState(next);
                    return 0;
                });
            }
            catch (SqliteException ex)
            {
                LogResetNotSaved(_livePath, ex.Message);
            }

            _state = next;
            return before;
        }
    }

    /// <summary>
    /// A row was found tampered with or damaged (and not shown): the cache goes back to version 0,
    /// so the sync engine asks central for a full snapshot, which replaces the file.
    /// </summary>
    private void OnDamaged(MemberCacheDamagedException ex)
    {
        lock (_writeGate)
        {
            OnDamagedLocked(ex);
        }
    }

    private void OnDamagedLocked(MemberCacheDamagedException ex)
    {
        _awaitingData = true;
        if (_state.Version == 0 && _state.SnapshotId is null)
        {
            return;
        }

        LogDamaged(_livePath, ex.Message);
        _rebuilds.AddOrUpdate("row_damaged", 1, (_, n) => n + 1);
        var next = _state with { Version = 0, SnapshotId = null };
        try
        {
            _live.Writer.InTransaction(() =>
            {
                _live.Writer.WriteState(next);
                return 0;
            });
        }
        catch (SqliteException write)
        {
            LogDamaged(_livePath, write.Message);
        }

        _state = next;
        StateChanged?.Invoke();
    }

    /// <summary>
    /// SQLite found damaged pages in <paramref name="damaged"/>: unless a snapshot or another rebuild
    /// already replaced that file, it is deleted (a cache can always be re-synced; the journal, not
    /// the cache, holds what central must still receive) and an empty cache at version 0 takes its
    /// place, which the sync engine re-syncs. Lookups wait only for the delete and the reopen.
    /// </summary>
    private void RebuildDamaged(MemberCacheFile damaged, string detail)
    {
        lock (_writeGate)
        {
            _swap.EnterWriteLock();
            try
            {
                if (!ReferenceEquals(_live, damaged))
                {
                    return;
                }

                damaged.Dispose();
                Rebuilt("damaged", detail);
                DeleteFileAndLog(_livePath);
                _live = OpenLive();
            }
            finally
            {
                _swap.ExitWriteLock();
            }
        }
    }

    private void Rebuilt(string reason, string detail)
    {
        RebuiltBecause = reason;
        Interlocked.Exchange(ref _rebuiltAtTicks, _time.GetUtcNow().UtcTicks);
        _rebuilds.AddOrUpdate(reason, 1, (_, n) => n + 1);
        _awaitingData = true;
        LogRebuilt(_livePath, reason, detail);
    }

    private void DiscardUnfinishedSnapshot()
    {
        if (File.Exists(_nextPath) || SideFileSuffixes.Any(s => File.Exists(_nextPath + s)))
        {
            DeleteFileAndLog(_nextPath);
            LogDiscardedUnfinished();
        }

        // What the LiteDB cache of earlier versions kept beside members.db; that file itself is rebuilt below.
        var legacyLog = Path.Combine(Path.GetDirectoryName(_livePath)!, "members-log.db");
        File.Delete(legacyLog);
    }

    private MemberCacheFile OpenLive()
    {
        try
        {
            var (file, state) = MemberCacheFile.OpenLive(_livePath, _crypto);
            _state = state;
            return file;
        }
        catch (Exception ex) when (ex is MemberCacheUnreadableException or SqliteException or InvalidCastException or FormatException)
        {
            Rebuilt(ex is MemberCacheUnreadableException unreadable ? unreadable.Reason : "unreadable", ex.Message);
            SqliteConnection.ClearAllPools();
            DeleteFileAndLog(_livePath);
            var (file, state) = MemberCacheFile.OpenLive(_livePath, _crypto);
            _state = state;
            return file;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Member cache {Path} cannot be used ({Reason}: {Detail}); it was replaced by an empty cache. A cache can always be re-synced: the agent asks central for a full snapshot")]
    private partial void LogRebuilt(string path, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Member cache {Path}: a member row failed its check ({Detail}) and was not shown; the cache asks central for a full snapshot")]
    private partial void LogDamaged(string path, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Member cache {Path}: the version reset could not be saved ({Detail}); it holds until the agent stops")]
    private partial void LogResetNotSaved(string path, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member cache: discarded a snapshot that was not finished when the agent stopped")]
    private partial void LogDiscardedUnfinished();

    [LoggerMessage(Level = LogLevel.Information, Message = "Member cache: snapshot {SnapshotId} applied, version {Version}, {Count} members")]
    private partial void LogSnapshotApplied(string snapshotId, ulong version, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member cache: delta {Version} applied ({Upserts} upserts, {Removed} removals)")]
    private partial void LogDelta(ulong version, int upserts, int removed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member cache: imported {Members} members, {Levels} levels, {Gifts} gifts")]
    private partial void LogImported(int members, int levels, int gifts);
}
