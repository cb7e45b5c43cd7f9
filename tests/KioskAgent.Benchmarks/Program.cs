using KioskAgent.Benchmarks.PcscTapLatency;

// Event-latency harnesses are Stopwatch-based: BenchmarkDotNet measures calls, not asynchronous events.
return await TapLatencyBenchmark.RunAsync(TapLatencyOptions.Parse(args));
