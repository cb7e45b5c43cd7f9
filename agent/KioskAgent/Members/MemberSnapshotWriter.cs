using KioskAgent.Contracts.V1;

namespace KioskAgent.Members;

/// <summary>
/// Writes a full snapshot into a new file next to the live cache, which keeps serving
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
    private readonly MemberCacheCrypto _crypto;
    private MemberCacheFile? _file;
    private long _count;
    private long _nextRowId = 1;

    internal MemberSnapshotWriter(MemberCache cache, MemberCacheFile file, MemberCacheCrypto crypto, string snapshotId, ulong version)
    {
        _cache = cache;
        _file = file;
        _crypto = crypto;
        SnapshotId = snapshotId;
        Version = version;
    }

    public string SnapshotId { get; }

    public ulong Version { get; }

    /// <summary>Members added so far.</summary>
    public long MemberCount => _count;

    /// <summary>
    /// Validates a chunk and writes it (its members, levels and gifts): all of it, or nothing when it
    /// is invalid. A member number, card UID, card number or QR token already added by another chunk
    /// is a problem.
    /// </summary>
    /// <exception cref="MemberDataException">The chunk is invalid; nothing of it was written, the writer stays usable.</exception>
    public void Add(MemberBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            var file = _file ?? throw Finished();
            var data = MemberRecordValidator.Validate(batch.Members, batch.Levels, batch.Gifts, levelCodes: null, MemberDataSections.Batch).ThrowIfInvalid();
            var writer = file.Writer;
            if (data.Levels.Any(l => writer.HasLevel(l.Code)) || data.Gifts.Any(g => writer.HasGift(g.Code)))
            {
                throw new MemberDataException(Duplicates(writer, data));
            }

            try
            {
                if (!Insert(writer, data.Members))
                {
                    throw new MemberDataException(Duplicates(writer, data));
                }

                foreach (var level in data.Levels)
                {
                    writer.WriteLevel(level, replace: false);
                }

                foreach (var gift in data.Gifts)
                {
                    writer.WriteGift(gift, replace: false);
                }
            }
            catch (Exception ex) when (ex is not MemberDataException)
            {
                // Part of a chunk may be in the file now: it is no longer a snapshot anyone can commit.
                Abandon();
                throw;
            }

            _nextRowId += data.Members.Count;
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

            file.FinishSnapshot(new MemberCacheState(Version, SnapshotId, syncedAt, _count));
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

    /// <summary>
    /// Inserts a chunk's members, or none of them when a member number or key of theirs is already
    /// in the file (false). A worker thread seals them slice by slice while this thread inserts
    /// what is sealed, so serialising and encrypting run beside SQLite's single-threaded writes.
    /// </summary>
    private bool Insert(MemberCacheConnection writer, IReadOnlyList<Member> members)
    {
        const int Slice = 128;
        var firstRowId = _nextRowId;
        var crypto = _crypto;
        var sealedMembers = new SealedMember?[members.Count];
        if (members.Count < 2 * Slice || Environment.ProcessorCount == 1)
        {
            var all = SealedMember.SealAll(members, firstRowId, crypto);
            for (var i = 0; i < all.Length; i++)
            {
                if (!writer.TryInsertMember(all[i]))
                {
                    foreach (var member in all.AsSpan(0, i))
                    {
                        writer.Remove(member, member.Keys.Length);
                    }

                    return false;
                }
            }

            return true;
        }

        var slices = (members.Count + Slice - 1) / Slice;
        using var ready = new SemaphoreSlim(0);
        var stop = 0;
        var sealing = Task.Run(() =>
        {
            try
            {
                for (var from = 0; from < members.Count && Volatile.Read(ref stop) == 0; from += Slice)
                {
                    for (var i = from; i < Math.Min(from + Slice, members.Count); i++)
                    {
                        sealedMembers[i] = SealedMember.Seal(members[i], firstRowId + i, crypto);
                    }

                    ready.Release();
                }
            }
            finally
            {
                // Wakes the inserting thread whatever happened; it finds the slice unsealed and stops.
                ready.Release(slices);
            }
        });

        var inserted = 0;
        try
        {
            for (var from = 0; from < members.Count; from += Slice)
            {
                ready.Wait();
                for (var i = from; i < Math.Min(from + Slice, members.Count); i++)
                {
                    if (Volatile.Read(ref sealedMembers[i]) is not { } member)
                    {
                        break;
                    }

                    if (!writer.TryInsertMember(member))
                    {
                        Volatile.Write(ref stop, 1);
                        for (var j = 0; j < inserted; j++)
                        {
                            writer.Remove(sealedMembers[j]!, sealedMembers[j]!.Keys.Length);
                        }

                        return false;
                    }

                    inserted++;
                }
            }

            // Rethrows what failed the sealing, if anything did.
            sealing.GetAwaiter().GetResult();
            return inserted == members.Count ? true : throw new InvalidOperationException("Sealing a snapshot chunk stopped early.");
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            sealing.ContinueWith(static _ => { }, TaskScheduler.Default).Wait();
        }
    }

    private static InvalidOperationException Finished() =>
        new("This snapshot writer was committed, discarded or superseded by a newer snapshot.");

    /// <summary>After a rolled-back chunk: which of its records collide with earlier chunks.</summary>
    private static List<MemberDataProblem> Duplicates(MemberCacheConnection file, MemberBatchValidation data)
    {
        var problems = new List<MemberDataProblem>();
        for (var i = 0; i < data.Members.Count; i++)
        {
            var member = data.Members[i];
            if (file.FindByMemberNumber(member.MemberNumber) is not null)
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

        problems.AddRange(data.Levels.Select((l, i) => (l, i)).Where(x => file.HasLevel(x.l.Code))
            .Select(x => new MemberDataProblem("levels", x.i, "code", "level already added by another chunk")));
        problems.AddRange(data.Gifts.Select((g, i) => (g, i)).Where(x => file.HasGift(x.g.Code))
            .Select(x => new MemberDataProblem("gifts", x.i, "code", "gift already added by another chunk")));
        return problems.Count > 0 ? problems : [new MemberDataProblem("members", -1, "", "duplicate key")];
    }
}
