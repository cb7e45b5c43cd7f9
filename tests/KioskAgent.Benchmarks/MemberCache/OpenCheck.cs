namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>Reopening a committed cache (seconds) and its integrity check (seconds; whether it found the file sound).</summary>
public sealed record OpenCheck(double OpenSeconds, double CheckSeconds, bool Sound);
