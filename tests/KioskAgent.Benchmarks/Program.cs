using KioskAgent.Benchmarks.MemberCache;
using KioskAgent.Benchmarks.PcscTapLatency;

// Stopwatch-based harnesses with their own measurement: BenchmarkDotNet measures calls, not
// asynchronous events (tap latency) or whole-process import runs with peak RSS (member cache).
return args is ["member-cache", .. var rest]
    ? await MemberCacheBenchmark.RunAsync(rest)
    : await TapLatencyBenchmark.RunAsync(TapLatencyOptions.Parse(args));
