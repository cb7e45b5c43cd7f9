using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace KioskAgent.Benchmarks.Budget;

/// <summary>
/// <c>budget</c> (what <c>./build.sh --target=Bench</c> runs): every benchmark of docs/benchmarks.md,
/// each in its own process (so one's memory and threads never weigh on the next), one after the
/// other; each leaves its key numbers through <see cref="BudgetSink"/>, and the runner prints them
/// as one table with the load average around the run.
/// </summary>
public static class BudgetRunner
{
    public static async Task<int> RunAsync(BudgetOptions options)
    {
        Directory.CreateDirectory(options.Logs);
        var summary = Path.Combine(options.Logs, "budget-rows.jsonl");
        File.Delete(summary);
        var loadAtStart = LoadAverage();
        var started = Stopwatch.StartNew();
        var rows = new List<BudgetRow>();
        var failed = new List<string>();
        foreach (var benchmark in options.Selected())
        {
            var log = Path.Combine(options.Logs, $"{benchmark.Name}.log");
            var args = options.Quick ? benchmark.Quick : benchmark.Full;
            Console.WriteLine($"[{started.Elapsed:hh\\:mm\\:ss}] {benchmark.Name} {string.Join(' ', args)} (output: {log}) ...");
            var before = BudgetSink.Read(summary).Count;
            var clock = Stopwatch.StartNew();
            var (exit, output) = await RunAsync(benchmark, args, summary, log);
            var recorded = BudgetSink.Read(summary).Skip(before).ToList();
            if (benchmark.Script is not null)
            {
                recorded.AddRange(FleetLoadSummary.Rows(output, int.Parse(args[0], CultureInfo.InvariantCulture), double.Parse(args[2], CultureInfo.InvariantCulture)));
            }

            if (recorded.Count == 0)
            {
                recorded.Add(BudgetRow.Skipped(benchmark.Name, "(all)", BudgetTarget.None, $"failed, exit code {exit}: see {log}"));
            }

            if (exit != 0 && recorded.All(r => r.NotRun is null))
            {
                failed.Add($"{benchmark.Name} (exit code {exit}, see {log})");
            }

            rows.AddRange(recorded);
            Console.WriteLine($"[{started.Elapsed:hh\\:mm\\:ss}] {benchmark.Name}: exit code {exit} after {clock.Elapsed.TotalSeconds:0} s, {recorded.Count} row(s); load average {LoadAverage()}");
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Performance budget ({(options.Quick ? "--quick: short runs, for checking the harness, not for the record" : "full runs")}), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}; load average {loadAtStart} at the start, {LoadAverage()} at the end; {started.Elapsed.TotalMinutes:0} min.");
        text.AppendLine();
        text.Append(BudgetTable.Format(rows));
        if (failed.Count > 0)
        {
            text.AppendLine().AppendLine().Append("Benchmarks that failed: ").Append(string.Join("; ", failed));
        }

        Console.WriteLine();
        Console.WriteLine(text);
        if (options.Output is { } path)
        {
            await File.WriteAllTextAsync(path, text.ToString());
        }

        return failed.Count > 0 || (options.FailOnMiss && BudgetTable.AnyMissed(rows)) ? 1 : 0;
    }

    private static async Task<(int Exit, string Output)> RunAsync(BudgetBenchmark benchmark, string[] args, string summary, string log)
    {
        ProcessStartInfo start;
        if (benchmark.Script is { } script)
        {
            start = new ProcessStartInfo("bash", [Path.Combine(AppContext.BaseDirectory, "..", "..", "..", script), .. args]);
            // The fleet-scale runs use it: without it, the broker's Nagle delay dominates the ack latency.
            start.Environment["MOSQUITTO_EXTRA"] = "set_tcp_nodelay true";
        }
        else
        {
            start = new ProcessStartInfo(Environment.ProcessPath!);
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            {
                start.ArgumentList.Add(typeof(BudgetRunner).Assembly.Location);
            }

            foreach (var argument in args)
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment[BudgetSink.EnvironmentVariable] = Path.GetFullPath(summary);
        var output = new StringBuilder();
        await using var file = new StreamWriter(log, append: false);
        using var process = new Process { StartInfo = start };
        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                file.WriteLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
