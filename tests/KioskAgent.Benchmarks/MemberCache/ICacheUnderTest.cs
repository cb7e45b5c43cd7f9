using KioskAgent.Contracts.V1;
using KioskAgent.Members;

namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>One storage engine as the benchmark drives it: a snapshot written chunk by chunk, then lookups by card UID.</summary>
public interface ICacheUnderTest : IDisposable
{
    string Name { get; }

    void BeginSnapshot(string snapshotId, ulong version);

    void Add(MemberBatch batch);

    void Commit(DateTimeOffset syncedAt);

    Member? FindByCardUid(string uid);

    long MemberCount();

    /// <summary>Bytes on disk once committed (data file and any log).</summary>
    long FileBytes();

    /// <summary>
    /// Closes the cache and opens it again as a starting agent does, then runs its integrity check;
    /// both timed (null: the engine has no such check).
    /// </summary>
    OpenCheck? ReopenAndCheck() => null;
}
