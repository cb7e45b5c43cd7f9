using KioskAgent.Benchmarks.CheckInThroughput;
using KioskAgent.Benchmarks.Budget;
using KioskAgent.Benchmarks.HostileFlood;
using KioskAgent.Benchmarks.IdleCost;
using KioskAgent.Benchmarks.MemberCache;
using KioskAgent.Benchmarks.OutboxDrain;
using KioskAgent.Benchmarks.PcscTapLatency;
using KioskAgent.Benchmarks.Pn532TapLatency;
using KioskAgent.Benchmarks.ScreenPaint;
using KioskAgent.Benchmarks.QrDecode;

// Stopwatch-based harnesses with their own measurement: BenchmarkDotNet measures calls, not
// asynchronous events (tap latency, outbox drain) or whole-process import runs with peak RSS (member cache).
return args switch
{
    ["check-in", .. var rest] => await CheckInThroughputBenchmark.RunAsync(rest),
    ["member-cache", .. var rest] => await MemberCacheBenchmark.RunAsync(rest),
    ["hostile-flood", .. var rest] => await HostileFloodBenchmark.RunAsync(HostileFloodOptions.Parse(rest)),
    ["outbox-drain", .. var rest] => await OutboxDrainBenchmark.RunAsync(OutboxDrainOptions.Parse(rest)),
    ["pn532-tap", .. var rest] => await Pn532TapLatencyBenchmark.RunAsync(Pn532TapLatencyOptions.Parse(rest)),
    ["screen-paint", .. var rest] => await ScreenPaintBenchmark.RunAsync(ScreenPaintOptions.Parse(rest)),
    ["qr-decode", .. var rest] => await QrDecodeBenchmark.RunAsync(rest),
    ["pcsc-tap", .. var rest] => await TapLatencyBenchmark.RunAsync(TapLatencyOptions.Parse([.. rest])),
    ["idle-cost", .. var rest] => await IdleCostBenchmark.RunAsync(IdleCostOptions.Parse(rest)),
    ["budget", .. var rest] => await BudgetRunner.RunAsync(BudgetOptions.Parse(rest)),
    _ => await TapLatencyBenchmark.RunAsync(TapLatencyOptions.Parse(args)),
};
