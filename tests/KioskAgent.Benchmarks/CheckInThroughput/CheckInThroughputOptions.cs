using System.Globalization;

namespace KioskAgent.Benchmarks.CheckInThroughput;

/// <summary>Command line (after <c>check-in</c>): --seconds N --readers N --members N --directory DIR --output FILE.</summary>
public sealed record CheckInThroughputOptions
{
    /// <summary>How long each measured phase runs.</summary>
    public double Seconds { get; init; } = 10;

    /// <summary>Readers tapping at once, each one tap after the other (a reader sees one card at a time).</summary>
    public int Readers { get; init; } = 16;

    public int Members { get; init; } = 20_000;

    /// <summary>Where the journal and the floor's file go (the disk being measured); a temp folder by default.</summary>
    public string? Directory { get; init; }

    public string? Output { get; init; }

    public static CheckInThroughputOptions Parse(string[] args)
    {
        var options = new CheckInThroughputOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--readers" => options with { Readers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--members" => options with { Members = int.Parse(value, CultureInfo.InvariantCulture) },
                "--directory" => options with { Directory = value },
                "--output" => options with { Output = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --seconds, --readers, --members, --directory, --output."),
            };
        }

        return options;
    }
}
