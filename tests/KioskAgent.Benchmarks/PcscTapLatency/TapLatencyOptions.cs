using System.Globalization;

namespace KioskAgent.Benchmarks.PcscTapLatency;

/// <summary>Command line: --cycles N --warmup N --reader NAME --port P --max-seconds S --lock-wait-seconds S --output FILE --samples-csv FILE --phases together,pyscard,ours.</summary>
public sealed record TapLatencyOptions
{
    public int Cycles { get; init; } = 200;

    /// <summary>Cycles run first in each phase and not counted (JIT tiering, caches).</summary>
    public int Warmup { get; init; } = 10;

    public string Reader { get; init; } = "Virtual PCD 00 00";

    public int Port { get; init; } = 35963;

    /// <summary>The whole run is bounded: past this it stops and reports what it has.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Which phases to run: "together", "pyscard" (alone), "ours" (alone).</summary>
    public IReadOnlySet<string> Phases { get; init; } = new HashSet<string>(["together", "pyscard", "ours"], StringComparer.Ordinal);

    /// <summary>How long to wait for the machine-wide pcscd lock (another test run or benchmark using pcscd).</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A Markdown file to write the report to, besides stdout.</summary>
    public string? Output { get; init; }

    /// <summary>A CSV file for the raw timestamps of every counted cycle.</summary>
    public string? SamplesCsv { get; init; }

    public static TapLatencyOptions Parse(string[] args)
    {
        var options = new TapLatencyOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--cycles" => options with { Cycles = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--reader" => options with { Reader = value },
                "--port" => options with { Port = int.Parse(value, CultureInfo.InvariantCulture) },
                "--max-seconds" => options with { MaxDuration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--output" => options with { Output = value },
                "--samples-csv" => options with { SamplesCsv = value },
                "--lock-wait-seconds" => options with { LockWait = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--phases" => options with { Phases = new HashSet<string>(value.Split(','), StringComparer.Ordinal) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --cycles, --warmup, --reader, --port, --max-seconds, --lock-wait-seconds, --output, --samples-csv, --phases."),
            };
        }

        return options;
    }
}
