using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>
/// One measured process, one engine: a full snapshot of N members chunk by chunk (generation timed
/// apart from the cache's work), commit, then card-UID lookups (90 % existing UIDs at random, 10 %
/// misses), each timed with Stopwatch, then a reopen with the cache's integrity check (quick_check),
/// timed. Peak RSS is the kernel's VmHWM for this process.
/// </summary>
public static class MemberCacheRun
{
    public static int Run(MemberCacheRunOptions options)
    {
        var directory = Path.Combine(options.WorkDirectory, options.Engine!);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var loadAtStart = LoadAverage();
        using ICacheUnderTest cache = options.Engine switch
        {
            "litedb" => new LiteDbCacheUnderTest(directory),
            "sqlite" => new SqliteCacheUnderTest(directory),
            "sqlite-plain" => new PlainSqliteCacheUnderTest(directory),
            _ => throw new ArgumentException($"Unknown engine {options.Engine}; use litedb, sqlite or sqlite-plain."),
        };

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (generate, import, commit) = Import(cache, options);
        var importCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var rssAfterImport = PeakRss();
        var gcBefore = GC.CollectionCount(0);
        var pauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var lookups = Lookups(cache, options);
        var lookupGc = new LookupGc(
            GC.CollectionCount(0) - gcBefore,
            (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds,
            (GC.GetTotalAllocatedBytes() - allocatedBefore) / (options.Lookups + 2_000));
        var openCheck = cache.ReopenAndCheck();
        var result = new MemberCacheRunResult(
            options.Engine!, cache.Name, cache.MemberCount(), generate, import, commit, importCpu, rssAfterImport, PeakRss(), cache.FileBytes(),
            lookups.Hit.P50, lookups.Hit.P99, lookups.Hit.Max, lookups.Miss.P50, lookups.Miss.P99, lookups.All.P99,
            lookups.Hits, lookups.Misses, lookups.Wrong, lookups.SlowerThan1Ms, lookupGc,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), loadAtStart, LoadAverage(), openCheck);
        File.WriteAllText(options.Result!, JsonSerializer.Serialize(result));
        return 0;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static (double Generate, double Import, double Commit) Import(ICacheUnderTest cache, MemberCacheRunOptions options)
    {
        long generateTicks = 0;
        long importTicks = 0;
        cache.BeginSnapshot("bench", 1);
        for (var from = 0; from < options.Members; from += options.Chunk)
        {
            var start = Stopwatch.GetTimestamp();
            var batch = SyntheticMembers.Chunk(from, Math.Min(options.Chunk, options.Members - from));
            var generated = Stopwatch.GetTimestamp();
            cache.Add(batch);
            generateTicks += generated - start;
            importTicks += Stopwatch.GetTimestamp() - generated;
        }

        var levels = Stopwatch.GetTimestamp();
        cache.Add(SyntheticMembers.LevelsAndGifts());
        var commitStart = Stopwatch.GetTimestamp();
        importTicks += commitStart - levels;
        cache.Commit(DateTimeOffset.UtcNow);
        var commitTicks = Stopwatch.GetTimestamp() - commitStart;
        return (Seconds(generateTicks), Seconds(importTicks), Seconds(commitTicks));
    }

    private static LookupSamples Lookups(ICacheUnderTest cache, MemberCacheRunOptions options)
    {
        var random = new Random(20261122);
        var samples = new LookupSamples();
        for (var n = -2_000; n < options.Lookups; n++)
        {
            var miss = random.Next(10) == 0;
            var i = random.Next(options.Members);
            var uid = miss ? SyntheticMembers.MissingUid(i) : SyntheticMembers.CardUid(i, random.Next(SyntheticMembers.CardCount(i)));
            var start = Stopwatch.GetTimestamp();
            var member = cache.FindByCardUid(uid);
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (n >= 0)
            {
                samples.Add(miss, elapsed, miss ? member is not null : member?.MemberNumber != (10_000_000 + i).ToString(CultureInfo.InvariantCulture));
            }
        }

        return samples;
    }

    /// <summary>The process's peak resident set (VmHWM), in bytes.</summary>
    private static long PeakRss()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
