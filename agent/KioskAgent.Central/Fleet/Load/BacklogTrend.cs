namespace KioskAgent.Central.Fleet.Load;

/// <summary>
/// Samples of the fleet's unacknowledged transactions over a load run, and whether they grew: a
/// central that keeps up holds the backlog near (rate × ack latency); one that falls behind lets
/// it climb for as long as the load lasts.
/// </summary>
public sealed class BacklogTrend
{
    private readonly List<BacklogSample> _samples = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<BacklogSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    public void Add(TimeSpan at, long backlog)
    {
        lock (_gate)
        {
            _samples.Add(new BacklogSample(at, backlog));
        }
    }

    public long Max(TimeSpan from, TimeSpan to) =>
        Samples.Where(s => s.At >= from && s.At <= to).Select(s => s.Backlog).DefaultIfEmpty(0).Max();

    /// <summary>Least-squares slope of the backlog over [from, to], in transactions per second.</summary>
    public double SlopePerSecond(TimeSpan from, TimeSpan to)
    {
        var window = Samples.Where(s => s.At >= from && s.At <= to).ToList();
        if (window.Count < 3)
        {
            return 0;
        }

        var meanT = window.Average(s => s.At.TotalSeconds);
        var meanB = window.Average(s => (double)s.Backlog);
        var covariance = window.Sum(s => (s.At.TotalSeconds - meanT) * (s.Backlog - meanB));
        var variance = window.Sum(s => Math.Pow(s.At.TotalSeconds - meanT, 2));
        return variance == 0 ? 0 : covariance / variance;
    }

    /// <summary>
    /// True when the backlog climbed over [from, to] by more than 2 % of what was sent, and by more
    /// than 20 transactions (so a few in flight at the edges of a short run do not count).
    /// </summary>
    public bool Grew(TimeSpan from, TimeSpan to, long sent)
    {
        var climb = SlopePerSecond(from, to) * (to - from).TotalSeconds;
        return climb > Math.Max(20, 0.02 * sent);
    }

    /// <summary>About <paramref name="points"/> evenly spaced samples for a report line.</summary>
    public IReadOnlyList<BacklogSample> Thin(int points)
    {
        var all = Samples;
        if (all.Count <= points)
        {
            return all;
        }

        var step = (all.Count - 1) / (double)(points - 1);
        return [.. Enumerable.Range(0, points).Select(i => all[(int)Math.Round(i * step)])];
    }
}
