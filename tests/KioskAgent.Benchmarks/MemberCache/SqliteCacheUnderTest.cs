using System.Diagnostics;
using KioskAgent.Contracts.V1;
using KioskAgent.Members;

namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>The agent's own member cache (SQLite, records AES-GCM encrypted, keyed-hash lookups), through the path sync uses.</summary>
public sealed class SqliteCacheUnderTest(string directory) : ICacheUnderTest
{
    private static readonly byte[] Secret = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];
    private Members.MemberCache _cache = new(directory, Secret);
    private MemberSnapshotWriter? _writer;

    public string Name => "SQLite, AES-GCM records + HMAC keys (MemberCache)";

    public void BeginSnapshot(string snapshotId, ulong version) => _writer = _cache.BeginSnapshot(snapshotId, version);

    public void Add(MemberBatch batch) => _writer!.Add(batch);

    public void Commit(DateTimeOffset syncedAt)
    {
        _writer!.Commit(syncedAt);
        _writer.Dispose();
        _writer = null;
    }

    public Member? FindByCardUid(string uid) => _cache.FindByCardUid(uid);

    public long MemberCount() => _cache.State.MemberCount;

    public long FileBytes() => Directory.GetFiles(directory, "members*").Sum(f => new FileInfo(f).Length);

    public OpenCheck ReopenAndCheck()
    {
        _cache.Dispose();
        var start = Stopwatch.GetTimestamp();
        _cache = new Members.MemberCache(directory, Secret);
        var opened = Stopwatch.GetTimestamp();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var problem = _cache.CheckIntegrity();
        var checkedAt = Stopwatch.GetTimestamp();
        return new OpenCheck(
            (double)(opened - start) / Stopwatch.Frequency,
            (double)(checkedAt - opened) / Stopwatch.Frequency,
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,
            problem is null);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _cache.Dispose();
    }
}
