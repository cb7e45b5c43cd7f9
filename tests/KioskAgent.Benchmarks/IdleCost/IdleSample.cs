namespace KioskAgent.Benchmarks.IdleCost;

/// <summary>One process in one round: its start, then CPU and memory over the idle window.</summary>
public sealed record IdleSample(string Subject, int Round, double ColdStartSeconds, double CpuPercentOfCore, double RssMegabytes, int Threads);
