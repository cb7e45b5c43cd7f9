using KioskAgent.Contracts.V1;
using LiteDB;

namespace KioskAgent.Members;

/// <summary>
/// Writes a full snapshot into a new encrypted file next to the live cache, which keeps serving
/// lookups meanwhile. <see cref="Add"/> takes the chunks in any order; <see cref="Commit"/> swaps
/// the new file in atomically (a rename: after a crash at any point the cache is either the old
/// data or the new, whole); <see cref="Dispose"/> without commit throws the new file away.
/// One thread at a time.
/// </summary>
public sealed class MemberSnapshotWriter : IDisposable
{
    private readonly MemberCache _cache;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _usedLevelCodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _levelCodes = new(StringComparer.Ordinal);
    private MemberCacheFile? _file;
    private long _count;

    internal MemberSnapshotWriter(MemberCache cache, MemberCacheFile file, string snapshotId, ulong version)
    {
        _cache = cache;
        _file = file;
        SnapshotId = snapshotId;
        Version = version;
    }

    public string SnapshotId { get; }

    public ulong Version { get; }

    /// <summary>Members added so far.</summary>
    public long MemberCount => _count;

    /// <summary>
    /// Validates a chunk and writes it (its members, levels and gifts) in one transaction. A member
    /// number, card UID, card number or QR token already added by another chunk is a problem.
    /// </summary>
    /// <exception cref="MemberDataException">The chunk is invalid; nothing of it was written, the writer stays usable.</exception>
    public void Add(MemberBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            var file = _file ?? throw Finished();
            var data = MemberRecordValidator.Validate(batch.Members, batch.Levels, batch.Gifts, levelCodes: null, MemberDataSections.Batch).ThrowIfInvalid();
            try
            {
                file.InTransaction(() =>
                {
                    file.InsertMembers(data.Members);
                    file.Levels.Insert(data.Levels.Select(CatalogueDocument.ToBson));
                    file.Gifts.Insert(data.Gifts.Select(CatalogueDocument.ToBson));
                    return 0;
                });
            }
            catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
            {
                throw new MemberDataException(Duplicates(file, data));
            }

            _count += data.Members.Count;
            foreach (var member in data.Members.Where(m => m.Level.Length > 0))
            {
                _usedLevelCodes[member.Level] = _usedLevelCodes.GetValueOrDefault(member.Level) + 1;
            }

            _levelCodes.UnionWith(data.Levels.Select(l => l.Code));
        }
    }

    /// <summary>
    /// Checks the snapshot as a whole (when it has levels, every member's level is one of them),
    /// records version, snapshot id and <paramref name="syncedAt"/>, and swaps the file in: from
    /// the return on, every lookup sees only the new data.
    /// </summary>
    /// <exception cref="MemberDataException">The snapshot as a whole is invalid; the live cache is unchanged.</exception>
    public void Commit(DateTimeOffset syncedAt)
    {
        MemberCacheFile file;
        lock (_gate)
        {
            file = _file ?? throw Finished();
            var unknown = _levelCodes.Count == 0 ? [] : _usedLevelCodes.Where(u => !_levelCodes.Contains(u.Key)).ToList();
            if (unknown.Count > 0)
            {
                throw new MemberDataException([.. unknown.Select(u => new MemberDataProblem("members", -1, "level", $"unknown level code '{u.Key}' on {u.Value} members"))]);
            }

            file.WriteState(new MemberCacheState(Version, SnapshotId, syncedAt, _count));
            _file = null;
        }

        // Outside this writer's lock: the cache takes its own lock first when a newer snapshot begins.
        _cache.SwapIn(this, file);
    }

    /// <summary>Discards the snapshot unless it was committed.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_file is not null)
            {
                Abandon();
                _cache.Forget(this);
            }
        }
    }

    /// <summary>Closes and deletes the unfinished file (a newer snapshot began, or the cache closes).</summary>
    internal void Abandon()
    {
        lock (_gate)
        {
            if (_file is { } file)
            {
                _file = null;
                file.Dispose();
                MemberCache.DeleteFileAndLog(file.Path);
            }
        }
    }

    private static InvalidOperationException Finished() =>
        new("This snapshot writer was committed, discarded or superseded by a newer snapshot.");

    /// <summary>After a rolled-back chunk: which of its records collide with earlier chunks.</summary>
    private static List<MemberDataProblem> Duplicates(MemberCacheFile file, MemberBatchValidation data)
    {
        var problems = new List<MemberDataProblem>();
        for (var i = 0; i < data.Members.Count; i++)
        {
            var member = data.Members[i];
            if (file.Members.Exists(Query.EQ("_id", member.MemberNumber)))
            {
                problems.Add(new MemberDataProblem("members", i, "member_number", "member number already added by another chunk"));
            }

            foreach (var (key, field) in MemberKeys.Unique(member))
            {
                if (file.OwnerOf(key) is { } owner)
                {
                    problems.Add(new MemberDataProblem("members", i, field, $"{MemberKeys.Describe(key)} already belongs to member {owner} of another chunk"));
                }
            }
        }

        problems.AddRange(data.Levels.Select((l, i) => (l, i)).Where(x => file.Levels.FindById(x.l.Code) is not null)
            .Select(x => new MemberDataProblem("levels", x.i, "code", "level already added by another chunk")));
        problems.AddRange(data.Gifts.Select((g, i) => (g, i)).Where(x => file.Gifts.FindById(x.g.Code) is not null)
            .Select(x => new MemberDataProblem("gifts", x.i, "code", "gift already added by another chunk")));
        return problems.Count > 0 ? problems : [new MemberDataProblem("members", -1, "", "duplicate key")];
    }
}
