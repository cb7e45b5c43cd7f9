namespace KioskAgent.Central.Fleet.Load;

/// <summary>Every latency of a run, for exact percentiles (a 1,000-kiosk minute is well under a million samples).</summary>
public sealed class LatencyDigest
{
    private readonly List<double> _milliseconds = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan latency)
    {
        lock (_gate)
        {
            _milliseconds.Add(latency.TotalMilliseconds);
        }
    }

    public void AddRange(IEnumerable<TimeSpan> latencies)
    {
        lock (_gate)
        {
            _milliseconds.AddRange(latencies.Select(l => l.TotalMilliseconds));
        }
    }

    /// <summary>Nearest-rank percentile in milliseconds (p in 0..100); 0 without samples.</summary>
    public double Percentile(double p)
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _milliseconds];
        }

        if (sorted.Length == 0)
        {
            return 0;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
