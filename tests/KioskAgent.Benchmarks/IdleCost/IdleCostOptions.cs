using System.Globalization;

namespace KioskAgent.Benchmarks.IdleCost;

/// <summary>Command line of <c>idle-cost</c>; <c>--quick</c> is one short round with 100,000 members.</summary>
public sealed record IdleCostOptions
{
    public int Rounds { get; init; } = 3;

    public int IdleSeconds { get; init; } = 60;

    /// <summary>Time after the last process is SERVING before the idle window opens (start-up work, tiering).</summary>
    public int SettleSeconds { get; init; } = 20;

    /// <summary>Members generated into the cache of the "1M members" agent; 0 leaves that agent out.</summary>
    public int Members { get; init; } = 1_000_000;

    /// <summary>
    /// Other agent builds or runtime settings, started with the shipped configuration beside the
    /// others: <c>--agent NAME=PATH[;VAR=VALUE...]</c>, PATH an apphost or .dll, or <c>default</c>
    /// for the solution's build (e.g. <c>--agent "workstation GC=default;DOTNET_gcServer=0"</c>).
    /// </summary>
    public IReadOnlyList<IdleVariant> Variants { get; init; } = [];

    /// <summary>Environment for every agent process (e.g. DOTNET_gcServer=0), to try runtime settings.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The build the "shipped config" rows run: <c>--shipped PATH</c> (an apphost or .dll), or the
    /// <c>KIOSK_BENCH_SHIPPED_AGENT</c> variable (the Bench target publishes the agent as the package
    /// does, ReadyToRun with tiered compilation off, and names it there); by default the solution's
    /// Release build (tiered, not ReadyToRun).
    /// </summary>
    public string? Shipped { get; init; } = System.Environment.GetEnvironmentVariable("KIOSK_BENCH_SHIPPED_AGENT") is { Length: > 0 } shipped ? shipped : null;

    /// <summary>Leave the demo-mode agent out (e.g. when only comparing builds).</summary>
    public bool NoDemo { get; init; }

    public string? Output { get; init; }

    public static IdleCostOptions Parse(IReadOnlyList<string> args)
    {
        var options = new IdleCostOptions();
        var variants = new List<IdleVariant>();
        var environment = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            (string, string) Pair()
            {
                var value = Next();
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                return eq > 0 ? (value[..eq], value[(eq + 1)..]) : throw new ArgumentException($"{value}: expected NAME=VALUE.");
            }

            options = args[i] switch
            {
                "--quick" => options with { Rounds = 1, IdleSeconds = 20, SettleSeconds = 10, Members = 100_000 },
                "--rounds" => options with { Rounds = Int() },
                "--idle-seconds" => options with { IdleSeconds = Int() },
                "--settle-seconds" => options with { SettleSeconds = Int() },
                "--members" => options with { Members = Int() },
                "--no-demo" => options with { NoDemo = true },
                "--shipped" => options with { Shipped = Next() },
                "--output" => options with { Output = Next() },
                "--agent" => Add(options, variants, IdleVariant.Parse(Pair())),
                "--env" => AddEnv(options, environment, Pair()),
                _ => throw new ArgumentException($"Unknown option {args[i]}. idle-cost [--quick] [--rounds 3] [--idle-seconds 60] [--settle-seconds 20] [--members 1000000] [--agent NAME=PATH[;VAR=VALUE...]]... [--env NAME=VALUE]... [--shipped PATH] [--no-demo] [--output FILE]"),
            };
        }

        return options with { Variants = variants, Environment = environment };
    }

    private static IdleCostOptions Add(IdleCostOptions options, List<IdleVariant> variants, IdleVariant variant)
    {
        variants.Add(variant);
        return options;
    }

    private static IdleCostOptions AddEnv(IdleCostOptions options, Dictionary<string, string> environment, (string Key, string Value) pair)
    {
        environment[pair.Key] = pair.Value;
        return options;
    }
}
