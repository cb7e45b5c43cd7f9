using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hosting;
using KioskAgent.Rewards;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KioskAgent.Members;

/// <summary>
/// The member cache: members, cards, levels, gifts and the sync version in an encrypted LiteDB
/// file (<see cref="FileName"/>) in the data directory, keyed from the kiosk's secret
/// (<see cref="MemberCacheKey"/>). It can always be re-synced from central, which is why it may
/// live in LiteDB (no fsync per commit) while the journal lives in SQLite.
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

    private readonly string _livePath;
    private readonly string _nextPath;
    private readonly string _password;
    private readonly ILogger<MemberCache> _logger;
    private readonly ReaderWriterLockSlim _swap = new(LockRecursionPolicy.NoRecursion);
    private readonly Lock _writeGate = new();
    private MemberCacheFile _live;
    private MemberSnapshotWriter? _pending;
    private volatile MemberCacheState _state = MemberCacheState.Empty;

    public MemberCache(IOptions<KioskOptions> options, KioskSecret secret, ILogger<MemberCache> logger)
        : this(options.Value.ResolvedDataDirectory, secret.Bytes.Span, logger)
    {
    }

    /// <summary>Opens (or creates) the cache in <paramref name="directory"/>, encrypted with a key derived from <paramref name="secret"/>.</summary>
    public MemberCache(string directory, ReadOnlySpan<byte> secret, ILogger<MemberCache>? logger = null)
    {
        Directory.CreateDirectory(directory);
        _livePath = Path.Combine(directory, FileName);
        _nextPath = Path.Combine(directory, NextFileName);
        _password = MemberCacheKey.Password(secret);
        _logger = logger ?? NullLogger<MemberCache>.Instance;
        DiscardUnfinishedSnapshot();
        _live = OpenLive();
    }

    /// <summary>Version, snapshot, last sync and member count of the data lookups see now.</summary>
    public MemberCacheState State => _state;

    /// <summary>
    /// Why the file found at start could not be used and was replaced by an empty cache
    /// (<c>wrong_secret</c>, <c>unreadable</c>); null when it opened. Either way a cache at
    /// version 0 asks central for a full snapshot.
    /// </summary>
    public string? RebuiltBecause { get; private set; }

    public Member? FindByCardUid(string cardUid) =>
        CardUid.TryParse(cardUid, out var uid) ? Read(f => f.FindByKey(MemberKeys.Uid(uid.Hex))) : null;

    /// <summary>By the printed card number (卡号), e.g. typed or scanned from a barcode.</summary>
    public Member? FindByCardNumber(string cardNumber) =>
        string.IsNullOrWhiteSpace(cardNumber) ? null : Read(f => f.FindByKey(MemberKeys.Number(cardNumber)));

    public Member? FindByMemberNumber(string memberNumber) =>
        string.IsNullOrEmpty(memberNumber) ? null : Read(f => f.FindByMemberNumber(memberNumber));

    /// <summary>By the token in the member's digital-card QR code.</summary>
    public Member? FindByQrToken(string qrToken) =>
        string.IsNullOrEmpty(qrToken) ? null : Read(f => f.FindByKey(MemberKeys.Qr(qrToken)));

    /// <summary>
    /// Members with this phone number, for staff who have signed in (a phone may be shared by a
    /// family). Never offer this to the member-facing screen: a phone number is not proof of identity.
    /// </summary>
    public IReadOnlyList<Member> FindByPhoneForStaff(string phone) =>
        string.IsNullOrWhiteSpace(phone) ? [] : Read(f => f.FindByStaffPhone(phone.Trim()));

    /// <summary>The level table, lowest rank first.</summary>
    public IReadOnlyList<MemberLevel> Levels() => Read(f => f.ReadLevels());

    /// <summary>The gift catalogue with this kiosk's stock, by code.</summary>
    public IReadOnlyList<Gift> Gifts() => Read(f => f.ReadGifts());

    public Gift? FindGift(string code) => Read(f => f.ReadGift(code));

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
            _pending = new MemberSnapshotWriter(this, MemberCacheFile.Open(_nextPath, _password), snapshotId, version);
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

            var levelCodes = delta.Levels.Count > 0 ? delta.Levels.Select(l => l.Code) : Read(f => f.ReadLevels()).Select(l => l.Code);
            var data = MemberRecordValidator.Validate(delta.Upserts, delta.Levels, delta.GiftUpserts, levelCodes.ToHashSet(StringComparer.Ordinal), MemberDataSections.Delta)
                .ThrowIfInvalid();
            var changes = new MemberChanges(data, delta.RemovedMemberNumbers, delta.RemovedGiftCodes, ReplaceLevels: true, MemberDataSections.Delta.Members);
            Write(changes, count => state with { Version = delta.Version, SyncedAt = syncedAt, MemberCount = count });
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
            var levelCodes = Read(f => f.ReadLevels()).Select(l => l.Code).Concat(batch.Levels.Select(l => l.Code)).ToHashSet(StringComparer.Ordinal);
            var data = MemberRecordValidator.Validate(batch.Members, batch.Levels, batch.Gifts, levelCodes, MemberDataSections.Batch).ThrowIfInvalid();
            foreach (var member in data.Members)
            {
                member.UpdatedAt ??= at;
            }

            var state = _state;
            Write(new MemberChanges(data, [], [], ReplaceLevels: false, MemberDataSections.Batch.Members), count => state with { MemberCount = count });
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
                File.Delete(LogFileOf(_livePath));
                File.Move(_nextPath, _livePath, overwrite: true);
            }
            finally
            {
                _live = OpenLive();
                _swap.ExitWriteLock();
            }
        }

        LogSnapshotApplied(_state.SnapshotId ?? "", _state.Version, _state.MemberCount);
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

    internal static void DeleteFileAndLog(string path)
    {
        File.Delete(path);
        File.Delete(LogFileOf(path));
    }

    /// <summary>LiteDB keeps uncheckpointed commits in "name-log.ext" beside the data file.</summary>
    private static string LogFileOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}-log{Path.GetExtension(path)}");

    /// <summary>The snapshot file's bytes reach the disk before the rename can: after a power cut either name holds a complete file.</summary>
    private static void SyncToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    private T Read<T>(Func<MemberCacheFile, T> read)
    {
        _swap.EnterReadLock();
        try
        {
            return read(_live);
        }
        finally
        {
            _swap.ExitReadLock();
        }
    }

    /// <summary>Applies changes and the new state in one transaction; the caller holds the write gate.</summary>
    private void Write(MemberChanges changes, Func<long, MemberCacheState> nextState)
    {
        _state = Read(file => file.InTransaction(() =>
        {
            var next = nextState(_state.MemberCount + changes.ApplyTo(file));
            file.WriteState(next);
            return next;
        }));
    }

    private bool ChangeGiftStock(string code, int change)
    {
        lock (_writeGate)
        {
            return Read(file => file.InTransaction(() =>
            {
                if (file.ReadGift(code) is not { } gift || (change < 0 && (!gift.Active || gift.Stock < -change)))
                {
                    return false;
                }

                gift.Stock += change;
                file.Gifts.Update(CatalogueDocument.ToBson(gift));
                return true;
            }));
        }
    }

    private void DiscardUnfinishedSnapshot()
    {
        if (File.Exists(_nextPath) || File.Exists(LogFileOf(_nextPath)))
        {
            DeleteFileAndLog(_nextPath);
            LogDiscardedUnfinished();
        }
    }

    private MemberCacheFile OpenLive()
    {
        try
        {
            var file = MemberCacheFile.Open(_livePath, _password);
            try
            {
                _state = file.ReadState();
                return file;
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is not (IOException or UnauthorizedAccessException))
        {
            RebuiltBecause = MemberCacheKey.IsWrongPassword(ex) ? "wrong_secret" : "unreadable";
            LogRebuilt(_livePath, RebuiltBecause, ex.Message);
            DeleteFileAndLog(_livePath);
            var file = MemberCacheFile.Open(_livePath, _password);
            _state = MemberCacheState.Empty;
            return file;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Member cache {Path} cannot be used ({Reason}: {Detail}); it was replaced by an empty cache. A cache can always be re-synced: the agent asks central for a full snapshot")]
    private partial void LogRebuilt(string path, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member cache: discarded a snapshot that was not finished when the agent stopped")]
    private partial void LogDiscardedUnfinished();

    [LoggerMessage(Level = LogLevel.Information, Message = "Member cache: snapshot {SnapshotId} applied, version {Version}, {Count} members")]
    private partial void LogSnapshotApplied(string snapshotId, ulong version, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member cache: delta {Version} applied ({Upserts} upserts, {Removed} removals)")]
    private partial void LogDelta(ulong version, int upserts, int removed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member cache: imported {Members} members, {Levels} levels, {Gifts} gifts")]
    private partial void LogImported(int members, int levels, int gifts);
}
