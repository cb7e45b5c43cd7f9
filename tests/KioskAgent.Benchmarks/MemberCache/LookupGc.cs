namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>Garbage collection during the lookup phase: collections, total pause, bytes allocated per lookup.</summary>
public sealed record LookupGc(int Collections, double PauseMs, long BytesPerLookup);
