using System.Globalization;

namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>
/// Command line of <c>member-cache</c>: --members N --chunk N --lookups N --runs N --engines litedb,sqlite,sqlite-plain
/// --work-dir DIR --output FILE (and, for one measured child process, --engine NAME --result FILE).
/// </summary>
public sealed record MemberCacheRunOptions
{
    public int Members { get; init; } = 1_000_000;

    /// <summary>Members per snapshot chunk, as central would send them.</summary>
    public int Chunk { get; init; } = 2_000;

    public int Lookups { get; init; } = 100_000;

    public int Runs { get; init; } = 3;

    /// <summary>litedb: the earlier encrypted LiteDB cache; sqlite: <c>MemberCache</c>; sqlite-plain: SQLite without encryption.</summary>
    public IReadOnlyList<string> Engines { get; init; } = ["sqlite", "litedb", "sqlite-plain"];

    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "member-cache-bench");

    public string? Output { get; init; }

    /// <summary>Set in a child process: the one engine it measures.</summary>
    public string? Engine { get; init; }

    /// <summary>Set in a child process: where it writes its result as JSON.</summary>
    public string? Result { get; init; }

    public static MemberCacheRunOptions Parse(IReadOnlyList<string> args)
    {
        var options = new MemberCacheRunOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--members" => options with { Members = int.Parse(value, CultureInfo.InvariantCulture) },
                "--chunk" => options with { Chunk = int.Parse(value, CultureInfo.InvariantCulture) },
                "--lookups" => options with { Lookups = int.Parse(value, CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(value, CultureInfo.InvariantCulture) },
                "--engines" => options with { Engines = value.Split(',') },
                "--work-dir" => options with { WorkDirectory = value },
                "--output" => options with { Output = value },
                "--engine" => options with { Engine = value },
                "--result" => options with { Result = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --members, --chunk, --lookups, --runs, --engines, --work-dir, --output."),
            };
        }

        return options;
    }

    public IEnumerable<string> ChildArguments(string engine, string directory, string result) =>
    [
        "member-cache", "--engine", engine, "--members", Members.ToString(CultureInfo.InvariantCulture),
        "--chunk", Chunk.ToString(CultureInfo.InvariantCulture), "--lookups", Lookups.ToString(CultureInfo.InvariantCulture),
        "--work-dir", directory, "--result", result,
    ];
}
