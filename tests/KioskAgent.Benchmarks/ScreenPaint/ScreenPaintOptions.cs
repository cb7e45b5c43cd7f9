using System.Globalization;

namespace KioskAgent.Benchmarks.ScreenPaint;

/// <summary>Command line (after <c>screen-paint</c>): --taps N --changes N --early N --output FILE.</summary>
public sealed record ScreenPaintOptions
{
    /// <summary>Timed taps for tap → painted member screen (after 10 warm-up taps).</summary>
    public int Taps { get; init; } = 200;

    /// <summary>Screen changes for the memory part; memory is read after <see cref="Early"/> and after this many.</summary>
    public int Changes { get; init; } = 10_000;

    public int Early { get; init; } = 100;

    public string? Output { get; init; }

    public static ScreenPaintOptions Parse(string[] args)
    {
        var options = new ScreenPaintOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--taps" => options with { Taps = Int(value) },
                "--changes" => options with { Changes = Int(value) },
                "--early" => options with { Early = Int(value) },
                "--output" => options with { Output = value },
                _ => throw new ArgumentException($"Unknown option {args[i]} {value}; use --taps, --changes, --early, --output."),
            };
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
