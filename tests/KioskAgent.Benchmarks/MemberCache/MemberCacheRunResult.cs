namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>What one child process measured for one engine.</summary>
public sealed record MemberCacheRunResult(
    string Engine,
    string EngineName,
    long Members,
    double GenerateSeconds,
    double ImportSeconds,
    double CommitSeconds,
    double ImportCpuSeconds,
    long PeakRssBytesAfterImport,
    long PeakRssBytes,
    long FileBytes,
    double HitP50Ms,
    double HitP99Ms,
    double HitMaxMs,
    double MissP50Ms,
    double MissP99Ms,
    double AllP99Ms,
    int Hits,
    int Misses,
    int WrongAnswers,
    int LookupsSlowerThan1Ms,
    LookupGc LookupGc,
    int Gen0,
    int Gen1,
    int Gen2,
    string LoadAtStart,
    string LoadAtEnd,
    OpenCheck? OpenCheck)
{
    /// <summary>Import as the cache sees it: Add of every chunk plus Commit (generation excluded).</summary>
    public double TotalSeconds => ImportSeconds + CommitSeconds;

    public double MembersPerSecond => Members / TotalSeconds;
}
