namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>
/// Reopening a committed cache (seconds) and its integrity check: wall seconds, the process's CPU
/// seconds during it (less dependent on other load than the wall time), and whether it found the file sound.
/// </summary>
public sealed record OpenCheck(double OpenSeconds, double CheckSeconds, double CheckCpuSeconds, bool Sound);
