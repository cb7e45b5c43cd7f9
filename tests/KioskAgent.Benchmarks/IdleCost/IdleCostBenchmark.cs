using System.Diagnostics;
using System.Globalization;
using System.Text;
using KioskAgent.Benchmarks.Budget;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Benchmarks.IdleCost;

/// <summary>
/// The agent's cost when nothing happens, beside a minimal ASP.NET Core gRPC host measured in the
/// same run: cold start to gRPC health SERVING, CPU (% of one core, from /proc/PID/stat) and
/// resident set over an idle window, and the resident set with a large member cache. Each round
/// starts every configuration fresh, one after the other (rotating the order), then lets them all
/// idle together, so every process sees the same load from the rest of the machine.
/// </summary>
public static class IdleCostBenchmark
{
    public const string Name = "idle-cost";

    public static async Task<int> RunAsync(IdleCostOptions options)
    {
        var loadAtStart = ProcFs.LoadAverage();
        var scratch = TestPaths.NewTempDirectory("idle-cost");
        Console.WriteLine($"\"shipped config\" runs {options.Shipped ?? TestPaths.AgentDll}");
        await using var broker = await MosquittoBroker.StartAsync();
        try
        {
            SeededMemberCache? seeded = null;
            if (options.Members > 0)
            {
                Console.WriteLine($"Generating {options.Members:N0} members into a member cache ...");
                seeded = SeededMemberCache.Create(Path.Combine(scratch, "seeded"), options.Members);
                Console.WriteLine($"  import {seeded.ImportSeconds:F1} s (generation {seeded.GenerateSeconds:F1} s apart), files {seeded.FileBytes / 1048576.0:F1} MiB");
            }

            var subjects = Subjects(options, broker.Port, seeded, scratch);
            var samples = new List<IdleSample>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                samples.AddRange(await RoundAsync(subjects, round, options));
            }

            var report = Report(options, samples, seeded, loadAtStart, ProcFs.LoadAverage());
            Console.WriteLine();
            Console.WriteLine(report);
            if (options.Output is { } output)
            {
                await File.WriteAllTextAsync(output, report);
            }

            foreach (var row in Rows(samples, seeded))
            {
                BudgetSink.Record(row);
            }

            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public static IReadOnlyList<BudgetRow> Rows(IReadOnlyList<IdleSample> samples, SeededMemberCache? seeded)
    {
        Stat Of(string subject, Func<IdleSample, double> value) => new(samples.Where(s => s.Subject == subject).Select(value).ToList());
        var rows = new List<BudgetRow>();
        var minimalStart = Of(IdleSubject.Minimal, s => s.ColdStartSeconds);
        var minimalCpu = Of(IdleSubject.Minimal, s => s.CpuPercentOfCore);
        var minimalRss = Of(IdleSubject.Minimal, s => s.RssMegabytes);
        foreach (var subject in samples.Select(s => s.Subject).Distinct().Where(s => s != IdleSubject.Minimal))
        {
            var withMembers = subject == IdleSubject.ProductionWithMembers;
            // The targets are the kiosk's: the agent as it ships, in the shipped configuration. Demo mode
            // (the solution's build, with a broker and a reference central in the process) and the
            // filled member cache are recorded beside it.
            var targeted = !withMembers && subject != IdleSubject.Demo;
            var label = withMembers && seeded is not null ? $"{subject} ({seeded.Members:N0} members)" : subject;
            rows.Add(new BudgetRow(Name, $"cold start to SERVING, {label}", "s", 2, Of(subject, s => s.ColdStartSeconds), minimalStart, IdleSubject.Minimal,
                targeted ? BudgetTarget.AtMostTimesBaseline(2) : BudgetTarget.None));
            rows.Add(new BudgetRow(Name, $"idle CPU, {label}", "% of a core", 2, Of(subject, s => s.CpuPercentOfCore), minimalCpu, IdleSubject.Minimal,
                targeted ? BudgetTarget.AtMostTimesBaseline(1.5) : BudgetTarget.None));
            rows.Add(new BudgetRow(Name, withMembers ? $"RSS, {label}" : $"idle RSS, {label}", "MB", 1, Of(subject, s => s.RssMegabytes), minimalRss, IdleSubject.Minimal,
                targeted ? BudgetTarget.AtMost(100) : BudgetTarget.None));
        }

        if (seeded is not null)
        {
            rows.Add(new BudgetRow(Name, $"member cache import, {seeded.Members:N0} members (snapshot path)", "s", 1, Stat.Of(seeded.ImportSeconds), null, null, BudgetTarget.None));
            rows.Add(new BudgetRow(Name, $"member cache files, {seeded.Members:N0} members", "MiB", 1, Stat.Of(seeded.FileBytes / 1048576.0), null, null, BudgetTarget.None));
        }

        return rows;
    }

    private static List<IdleSubject> Subjects(IdleCostOptions options, int brokerPort, SeededMemberCache? seeded, string scratch)
    {
        // No pcscd is reachable by the shipped PC/SC reader: the machine's pcscd (if any) belongs to
        // other test runs and their virtual cards. The reader waits for the service as on a kiosk
        // whose pcscd has not started yet.
        var noPcscd = Path.Combine(scratch, "no-pcscd.comm");
        AgentSettings Production(string? dataDirectory = null, IdleVariant? variant = null) => new()
        {
            BrokerPort = brokerPort,
            ShippedDevices = true,
            DataDirectory = dataDirectory ?? TestPaths.NewTempDirectory(Path.Combine(Path.GetFileName(scratch), "data")),
            Executable = variant is null ? options.Shipped : variant.Executable,
            Extra = Quiet,
            // A variant's own settings win over the run's.
            Environment = With(variant?.Environment ?? new Dictionary<string, string>(), [.. options.Environment.Select(e => (e.Key, e.Value)), ("PCSCLITE_CSOCK_NAME", noPcscd)]),
        };

        var subjects = new List<IdleSubject>
        {
            new(IdleSubject.Minimal, async () => await MinimalHostProcess.StartAsync(new Dictionary<string, string>())),
        };
        if (!options.NoDemo)
        {
            subjects.Add(new(IdleSubject.Demo, async () => await AgentUnderTest.StartAsync(new AgentSettings
            {
                Demo = true,
                EmbeddedBroker = true,
                DataDirectory = TestPaths.NewTempDirectory(Path.Combine(Path.GetFileName(scratch), "demo")),
                Extra = Quiet,
                // As ./build.sh --target=Demo runs it: appsettings.Demo.json, reference central in-process.
                Environment = With(options.Environment, ("DOTNET_ENVIRONMENT", "Demo")),
            })));
        }

        subjects.Add(new(IdleSubject.Production, async () => await AgentUnderTest.StartAsync(Production())));
        if (seeded is not null)
        {
            subjects.Add(new(IdleSubject.ProductionWithMembers, async () => await AgentUnderTest.StartAsync(Production(seeded.DataDirectory))));
        }

        foreach (var variant in options.Variants)
        {
            subjects.Add(new($"agent, shipped config, {variant.Name}", async () => await AgentUnderTest.StartAsync(Production(variant: variant))));
        }

        return subjects;
    }

    /// <summary>The shipped log levels (the test harness's default is Debug for the agent).</summary>
    private static readonly Dictionary<string, string> Quiet = new() { ["Logging__LogLevel__KioskAgent"] = "Information" };

    /// <summary>The environment with more settings; a setting already given wins (the command line over the harness's defaults).</summary>
    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> environment, params (string Key, string Value)[] more)
    {
        var all = new Dictionary<string, string>(environment);
        foreach (var (key, value) in more)
        {
            all.TryAdd(key, value);
        }

        return all;
    }

    private static async Task<List<IdleSample>> RoundAsync(List<IdleSubject> subjects, int round, IdleCostOptions options)
    {
        var order = subjects.Skip((round - 1) % subjects.Count).Concat(subjects.Take((round - 1) % subjects.Count)).ToList();
        var running = new List<(IdleSubject Subject, IProcessUnderTest Process)>();
        try
        {
            foreach (var subject in order)
            {
                var process = await subject.StartAsync();
                running.Add((subject, process));
                Console.WriteLine($"round {round}: {subject.Name} SERVING after {process.ColdStart.TotalSeconds:F3} s (pid {process.ProcessId})");
                // Let its start-up settle before the next one starts: starts are timed one at a time.
                await Task.Delay(TimeSpan.FromSeconds(3));
            }

            await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds));
            var before = running.Select(r => (Cpu: ProcFs.CpuSeconds(r.Process.ProcessId), At: Stopwatch.GetTimestamp())).ToList();
            await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
            var samples = new List<IdleSample>();
            for (var i = 0; i < running.Count; i++)
            {
                var (subject, process) = running[i];
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{subject.Name} exited while idle:\n{process.Output}");
                }

                var cpu = ProcFs.CpuSeconds(process.ProcessId) - before[i].Cpu;
                var seconds = Stopwatch.GetElapsedTime(before[i].At).TotalSeconds;
                samples.Add(new IdleSample(subject.Name, round, process.ColdStart.TotalSeconds, 100 * cpu / seconds, ProcFs.RssBytes(process.ProcessId) / 1e6, ProcFs.Threads(process.ProcessId)));
                Console.WriteLine($"round {round}: {subject.Name}: idle CPU {samples[^1].CpuPercentOfCore:F2} % of a core, RSS {samples[^1].RssMegabytes:F1} MB, {samples[^1].Threads} threads");
            }

            return samples;
        }
        finally
        {
            foreach (var (_, process) in running)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static string Report(IdleCostOptions options, List<IdleSample> samples, SeededMemberCache? seeded, string loadAtStart, string loadAtEnd)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{options.Rounds} round(s); each: start every configuration fresh, one at a time, time to gRPC health SERVING; then {options.SettleSeconds} s settle and {options.IdleSeconds} s idle, all together; CPU from /proc/PID/stat (utime+stime), RSS = VmRSS at the end of the window.");
        text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, load average {loadAtStart} at the start and {loadAtEnd} at the end.");
        if (options.Environment.Count > 0)
        {
            text.AppendLine("Agent environment: " + string.Join(", ", options.Environment.Select(e => $"{e.Key}={e.Value}")));
        }

        if (seeded is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Member cache: {seeded.Members:N0} members imported in {seeded.ImportSeconds:F1} s (snapshot path; generating them took {seeded.GenerateSeconds:F1} s apart), files {seeded.FileBytes / 1048576.0:F1} MiB.");
        }

        text.AppendLine();
        text.AppendLine("| configuration | round | cold start s | idle CPU % of a core | RSS MB | threads |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var s in samples.OrderBy(s => s.Subject, StringComparer.Ordinal).ThenBy(s => s.Round))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Subject} | {s.Round} | {s.ColdStartSeconds:F3} | {s.CpuPercentOfCore:F2} | {s.RssMegabytes:F1} | {s.Threads} |");
        }

        text.AppendLine();
        text.Append(BudgetTable.Format(Rows(samples, seeded)));
        return text.ToString();
    }
}
