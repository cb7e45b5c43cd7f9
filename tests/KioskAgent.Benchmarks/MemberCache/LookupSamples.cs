using System.Diagnostics;

namespace KioskAgent.Benchmarks.MemberCache;

/// <summary>Lookup latencies split into hits and misses, with the count of wrong answers.</summary>
public sealed class LookupSamples
{
    private readonly List<long> _hits = [];
    private readonly List<long> _misses = [];

    public int Hits => _hits.Count;

    public int Misses => _misses.Count;

    public int Wrong { get; private set; }

    public int SlowerThan1Ms => _hits.Concat(_misses).Count(t => t * 1000.0 / Stopwatch.Frequency > 1.0);

    public Percentiles Hit => Percentiles.Of(_hits);

    public Percentiles Miss => Percentiles.Of(_misses);

    public Percentiles All => Percentiles.Of([.. _hits, .. _misses]);

    public void Add(bool miss, long elapsedTicks, bool wrong)
    {
        (miss ? _misses : _hits).Add(elapsedTicks);
        Wrong += wrong ? 1 : 0;
    }

    /// <summary>Nearest-rank percentiles in milliseconds.</summary>
    public sealed record Percentiles(double P50, double P99, double Max)
    {
        public static Percentiles Of(List<long> ticks)
        {
            if (ticks.Count == 0)
            {
                return new Percentiles(0, 0, 0);
            }

            var sorted = ticks.Order().ToArray();
            double Ms(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
            return new Percentiles(Ms(0.50), Ms(0.99), Ms(1.0));
        }
    }
}
