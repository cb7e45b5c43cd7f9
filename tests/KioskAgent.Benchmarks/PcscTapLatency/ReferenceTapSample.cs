namespace KioskAgent.Benchmarks.PcscTapLatency;

/// <summary>One insert read by pyscard alone doing our reader's work (SCardConnect + FF CA), in CLOCK_MONOTONIC ns.</summary>
public sealed record ReferenceTapSample(long ConnectedAt, long PoweredAtrAt, long UidAt);
