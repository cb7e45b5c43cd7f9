using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using KioskAgent.Benchmarks.Budget;

namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>
/// Member cache at scale: for each run and engine, a fresh child process (so peak RSS belongs to
/// that engine alone) imports the snapshot and measures lookups; this process collects the results
/// and reports the median and the spread (min–max) over the runs.
/// </summary>
public static class MemberCacheBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = MemberCacheRunOptions.Parse(args);
        if (options.Engine is not null)
        {
            return MemberCacheRun.Run(options);
        }

        var results = new List<MemberCacheRunResult>();
        var loadAtStart = MemberCacheRun.LoadAverage();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var engine in options.Engines)
            {
                Console.Error.WriteLine($"run {run}/{options.Runs}: {engine}, {options.Members} members ...");
                var result = await RunChildAsync(options, engine).ConfigureAwait(false);
                Console.Error.WriteLine($"  import {result.TotalSeconds:F1} s, peak RSS {result.PeakRssBytes / 1048576.0:F0} MiB, hit p99 {result.HitP99Ms:F3} ms, load {result.LoadAtStart} -> {result.LoadAtEnd}");
                results.Add(result);
            }
        }

        var report = Report(options, results, loadAtStart, MemberCacheRun.LoadAverage());
        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report).ConfigureAwait(false);
        }

        RecordBudget(options, results);
        Directory.Delete(options.WorkDirectory, recursive: true);
        return results.Any(r => r.WrongAnswers > 0 || r.Members != options.Members || r.OpenCheck is { Sound: false }) ? 1 : 0;
    }

    /// <summary>The agent's cache against the targets (import ≤ 60 s, lookup p99 ≤ 0.5 ms, RSS ≤ 250 MB), unencrypted SQLite as the floor.</summary>
    private static void RecordBudget(MemberCacheRunOptions options, List<MemberCacheRunResult> results)
    {
        Stat Of(string engine, Func<MemberCacheRunResult, double> value) => new(results.Where(r => r.Engine == engine).Select(value).ToList());
        if (!results.Any(r => r.Engine == "sqlite"))
        {
            return;
        }

        var floor = results.Any(r => r.Engine == "sqlite-plain") ? "SQLite unencrypted" : null;
        Stat? Floor(Func<MemberCacheRunResult, double> value) => floor is null ? null : Of("sqlite-plain", value);
        var members = $"{options.Members:N0} members";
        BudgetSink.Record(new BudgetRow("member-cache", $"import {members} (Add + Commit)", "s", 1, Of("sqlite", r => r.TotalSeconds), Floor(r => r.TotalSeconds), floor, BudgetTarget.AtMost(60)));
        BudgetSink.Record(new BudgetRow("member-cache", $"card-UID lookup hit p99, {members}", "ms", 3, Of("sqlite", r => r.HitP99Ms), Floor(r => r.HitP99Ms), floor, BudgetTarget.AtMost(0.5)));
        BudgetSink.Record(new BudgetRow("member-cache", $"peak RSS, {members}", "MiB", 0, Of("sqlite", r => r.PeakRssBytes / 1048576.0), Floor(r => r.PeakRssBytes / 1048576.0), floor, BudgetTarget.AtMost(250)));
        BudgetSink.Record(new BudgetRow("member-cache", $"wrong answers, {members}", "", 0, Of("sqlite", r => r.WrongAnswers), null, null, BudgetTarget.AtMost(0)));
    }

    private static async Task<MemberCacheRunResult> RunChildAsync(MemberCacheRunOptions options, string engine)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var resultFile = Path.Combine(options.WorkDirectory, $"{engine}.json");
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardError = false };

        // The garbage collector the agent runs with (its runtimeconfig: server GC, which .NET 10 sizes
        // dynamically); the benchmark project's own default (workstation) keeps a larger gen0 budget.
        start.Environment["DOTNET_gcServer"] = "1";
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemberCacheBenchmark).Assembly.Location);
        }

        foreach (var argument in options.ChildArguments(engine, options.WorkDirectory, resultFile))
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        await child.WaitForExitAsync().ConfigureAwait(false);
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {engine} run failed with exit code {child.ExitCode}.");
        }

        return JsonSerializer.Deserialize<MemberCacheRunResult>(await File.ReadAllTextAsync(resultFile).ConfigureAwait(false))!;
    }

    private static string Report(MemberCacheRunOptions options, List<MemberCacheRunResult> results, string loadAtStart, string loadAtEnd)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{options.Members:N0} members in chunks of {options.Chunk:N0}, {options.Runs} runs per engine, each in a fresh process; {options.Lookups:N0} card-UID lookups per run (90 % existing, 10 % misses, after 2,000 warm-up lookups); {Environment.ProcessorCount} cores, load average {loadAtStart} at the start and {loadAtEnd} at the end.");
        text.AppendLine();
        text.AppendLine("Median (min–max) over the runs:");
        text.AppendLine();
        text.AppendLine("| engine | import s | members/s | peak RSS MiB | file MiB | hit p50 ms | hit p99 ms | miss p99 ms | all p99 ms | hit max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var engine in results.GroupBy(r => r.Engine))
        {
            var runs = engine.ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"| {runs[0].EngineName} | {Cell(runs, r => r.TotalSeconds, "F1")} | {Cell(runs, r => r.MembersPerSecond, "N0")} | {Cell(runs, r => r.PeakRssBytes / 1048576.0, "F0")} | {Cell(runs, r => r.FileBytes / 1048576.0, "F0")} | {Cell(runs, r => r.HitP50Ms, "F3")} | {Cell(runs, r => r.HitP99Ms, "F3")} | {Cell(runs, r => r.MissP99Ms, "F3")} | {Cell(runs, r => r.AllP99Ms, "F3")} | {Cell(runs, r => r.HitMaxMs, "F2")} |");
        }

        foreach (var engine in results.Where(r => r.OpenCheck is not null).GroupBy(r => r.Engine))
        {
            var runs = engine.ToList();
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{runs[0].EngineName}, reopened after the lookups: open {Cell(runs, r => r.OpenCheck!.OpenSeconds * 1000, "F0")} ms, integrity check (PRAGMA quick_check over {Cell(runs, r => r.FileBytes / 1048576.0, "F0")} MiB) {Cell(runs, r => r.OpenCheck!.CheckSeconds, "F2")} s wall = {Cell(runs, r => r.FileBytes / 1048576.0 / r.OpenCheck!.CheckSeconds, "F0")} MiB/s, {Cell(runs, r => r.OpenCheck!.CheckCpuSeconds, "F2")} s of process CPU; found sound: {string.Join(", ", runs.Select(r => r.OpenCheck!.Sound ? "yes" : "NO"))}.");
        }

        text.AppendLine();
        text.AppendLine("Each run:");
        text.AppendLine();
        text.AppendLine("| engine | members | generate s (not counted) | Add s | Commit s | process CPU s during import (incl. generation, GC) | peak RSS after import MiB | hits / misses / wrong | lookups > 1 ms | GCs / pause ms / bytes per lookup, lookup phase | GC gen0/1/2, whole run | load at start → end |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Engine} | {r.Members:N0} | {r.GenerateSeconds:F1} | {r.ImportSeconds:F1} | {r.CommitSeconds:F1} | {r.ImportCpuSeconds:F1} | {r.PeakRssBytesAfterImport / 1048576.0:F0} | {r.Hits} / {r.Misses} / {r.WrongAnswers} | {r.LookupsSlowerThan1Ms} | {r.LookupGc.Collections} / {r.LookupGc.PauseMs:F0} / {r.LookupGc.BytesPerLookup:N0} | {r.Gen0}/{r.Gen1}/{r.Gen2} | {r.LoadAtStart} → {r.LoadAtEnd} |");
        }

        return text.ToString();
    }

    private static string Cell(List<MemberCacheRunResult> runs, Func<MemberCacheRunResult, double> value, string format)
    {
        var values = runs.Select(value).Order().ToArray();
        var median = values[values.Length / 2];
        return values.Length == 1
            ? median.ToString(format, CultureInfo.InvariantCulture)
            : $"{median.ToString(format, CultureInfo.InvariantCulture)} ({values[0].ToString(format, CultureInfo.InvariantCulture)}–{values[^1].ToString(format, CultureInfo.InvariantCulture)})";
    }
}
