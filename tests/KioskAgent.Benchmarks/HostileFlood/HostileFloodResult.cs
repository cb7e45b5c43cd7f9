namespace KioskAgent.Benchmarks.HostileFlood;

/// <summary>What one hostile-flood run measured; RSS values in bytes, latencies in milliseconds.</summary>
public sealed record HostileFloodResult(
    long IdleRss,
    long PeakRss,
    long HighWater,
    long AfterRss,
    double FloodSeconds,
    IReadOnlyList<double> TapLatencies,
    bool PingAnswered,
    double PingMilliseconds,
    IReadOnlyDictionary<string, long> Counters,
    bool AgentExited);
