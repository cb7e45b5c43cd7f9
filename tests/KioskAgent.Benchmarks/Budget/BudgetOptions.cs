namespace KioskAgent.Benchmarks.Budget;

/// <summary>Command line of <c>budget</c>: --quick, --only a,b, --skip a,b, --output FILE, --logs DIR, --fail-on-miss.</summary>
public sealed record BudgetOptions
{
    public bool Quick { get; init; }

    public IReadOnlySet<string>? Only { get; init; }

    public IReadOnlySet<string> Skip { get; init; } = new HashSet<string>();

    /// <summary>The table as Markdown, besides stdout.</summary>
    public string? Output { get; init; }

    /// <summary>Each benchmark's own report and output go here, one file each.</summary>
    public string Logs { get; init; } = Path.Combine("artifacts", "bench");

    /// <summary>Exit with 1 when a target is missed (by default the table is the result, and the exit says only that everything ran).</summary>
    public bool FailOnMiss { get; init; }

    public static BudgetOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BudgetOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            HashSet<string> Names()
            {
                var names = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
                var unknown = names.Where(n => BudgetBenchmark.All.All(b => b.Name != n)).ToList();
                return unknown.Count == 0 ? names : throw new ArgumentException($"Unknown benchmark(s) {string.Join(", ", unknown)}; known: {string.Join(", ", BudgetBenchmark.All.Select(b => b.Name))}.");
            }

            options = args[i] switch
            {
                "--quick" => options with { Quick = true },
                "--only" => options with { Only = Names() },
                "--skip" => options with { Skip = Names() },
                "--output" => options with { Output = Next() },
                "--logs" => options with { Logs = Next() },
                "--fail-on-miss" => options with { FailOnMiss = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}. budget [--quick] [--only a,b] [--skip a,b] [--output FILE] [--logs DIR] [--fail-on-miss]"),
            };
        }

        return options;
    }

    public IEnumerable<BudgetBenchmark> Selected() =>
        BudgetBenchmark.All.Where(b => (Only is null || Only.Contains(b.Name)) && !Skip.Contains(b.Name));
}
