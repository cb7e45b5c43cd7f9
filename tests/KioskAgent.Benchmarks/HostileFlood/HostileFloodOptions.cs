using System.Globalization;

namespace KioskAgent.Benchmarks.HostileFlood;

/// <summary>
/// Command line (after <c>hostile-flood</c>): --messages N --message-bytes N --huge-bytes N
/// --idle-seconds N --after-seconds N --bound-mb N --env NAME=VALUE (repeatable, passed to the agent process as
/// it is, e.g. DOTNET_GCgen0size) --output FILE.
/// </summary>
public sealed record HostileFloodOptions
{
    /// <summary>QoS 0 messages on the member topics (snapshot and delta, alternately).</summary>
    public int Messages { get; init; } = 50;

    public int MessageBytes { get; init; } = 6_000_000;

    /// <summary>One QoS 1 command of this size follows the flood (0: none).</summary>
    public int HugeBytes { get; init; } = 250_000_000;

    /// <summary>The agent runs idle this long before the floor is read.</summary>
    public int IdleSeconds { get; init; } = 20;

    /// <summary>RSS is read again this long after the flood was worked through.</summary>
    public int AfterSeconds { get; init; } = 30;

    /// <summary>The stated bound: peak resident set during the flood, in MiB (docs/benchmarks.md#hostile-flood).</summary>
    public int BoundMb { get; init; } = 400;

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? Output { get; init; }

    public static HostileFloodOptions Parse(string[] args)
    {
        var options = new HostileFloodOptions();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--messages" => options with { Messages = Int(value) },
                "--message-bytes" => options with { MessageBytes = Int(value) },
                "--huge-bytes" => options with { HugeBytes = Int(value) },
                "--idle-seconds" => options with { IdleSeconds = Int(value) },
                "--after-seconds" => options with { AfterSeconds = Int(value) },
                "--bound-mb" => options with { BoundMb = Int(value) },
                "--env" when value.Split('=', 2) is [var name, var setting] => Add(options, environment, name, setting),
                "--output" => options with { Output = value },
                _ => throw new ArgumentException($"Unknown option {args[i]} {value}; use --messages, --message-bytes, --huge-bytes, --idle-seconds, --after-seconds, --bound-mb, --env NAME=VALUE, --output."),
            };
        }

        return options with { Environment = environment };
    }

    private static HostileFloodOptions Add(HostileFloodOptions options, Dictionary<string, string> environment, string name, string value)
    {
        environment[name] = value;
        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
