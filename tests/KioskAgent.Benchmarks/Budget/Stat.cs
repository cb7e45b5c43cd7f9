using System.Globalization;
using System.Text.Json.Serialization;

namespace KioskAgent.Benchmarks.Budget;

/// <summary>Repeated measurements of one quantity: median and spread (min–max), never a single lucky run.</summary>
public sealed record Stat(IReadOnlyList<double> Samples)
{
    public static Stat Of(params double[] samples) => new(samples);

    [JsonIgnore]
    public int Count => Samples.Count;

    [JsonIgnore]
    public double Median
    {
        get
        {
            if (Samples.Count == 0)
            {
                return double.NaN;
            }

            var sorted = Samples.Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    [JsonIgnore]
    public double Min => Samples.Count == 0 ? double.NaN : Samples.Min();

    [JsonIgnore]
    public double Max => Samples.Count == 0 ? double.NaN : Samples.Max();

    /// <summary>"0.52 (0.48–0.61, n=3)", or just the value for a single sample.</summary>
    public string Format(string unit, int decimals)
    {
        if (Samples.Count == 0)
        {
            return "–";
        }

        var suffix = unit.Length == 0 ? "" : unit.StartsWith('×') || unit == "%" ? unit : $" {unit}";
        var median = Fixed(Median, decimals) + suffix;
        return Samples.Count == 1 ? median : $"{median} ({Fixed(Min, decimals)}–{Fixed(Max, decimals)}, n={Samples.Count})";
    }

    private static string Fixed(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
