using System.Globalization;

namespace KioskAgent.Benchmarks.Pn532TapLatency;

/// <summary>Command line after "pn532-tap": --cycles N --warmup N --output FILE.</summary>
public sealed record Pn532TapLatencyOptions
{
    public int Cycles { get; init; } = 200;

    /// <summary>Cycles run first and not counted (JIT tiering).</summary>
    public int Warmup { get; init; } = 10;

    /// <summary>A Markdown file to write the report to, besides stdout.</summary>
    public string? Output { get; init; }

    public static Pn532TapLatencyOptions Parse(string[] args)
    {
        var options = new Pn532TapLatencyOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--cycles" => options with { Cycles = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--output" => options with { Output = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --cycles, --warmup, --output."),
            };
        }

        return options;
    }
}
