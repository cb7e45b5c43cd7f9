namespace KioskAgent.Benchmarks.PcscTapLatency;

/// <summary>
/// One insert, in CLOCK_MONOTONIC ns: when the card touched (TCP connect to vpcd), when it answered
/// pcscd's power-on ATR request, when our reader's thread woke up, when FF CA reached the card, and
/// when each observer saw the tap.
/// </summary>
public sealed record TapSample(long ConnectedAt, long PoweredAtrAt, long WokeAt, long UidCommandAt, long OursAt, long FloorAt);
