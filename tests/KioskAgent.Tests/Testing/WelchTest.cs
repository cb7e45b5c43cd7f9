namespace KioskAgent.Tests.Testing;

/// <summary>
/// Welch's t statistic for two samples of durations, on their logarithms with the slowest 5 % of each
/// dropped: a loaded machine adds long, rare stalls (a scheduler pause, a GC) that say nothing about
/// the code under test. |t| above ~3.5 means the two means differ beyond noise (p &lt; 0.001).
/// </summary>
public static class WelchTest
{
    public static double T(IReadOnlyList<TimeSpan> a, IReadOnlyList<TimeSpan> b)
    {
        var x = Trimmed(a);
        var y = Trimmed(b);
        var (mx, vx) = MeanAndVariance(x);
        var (my, vy) = MeanAndVariance(y);
        var standardError = Math.Sqrt((vx / x.Count) + (vy / y.Count));
        return standardError == 0 ? 0 : (mx - my) / standardError;
    }

    private static List<double> Trimmed(IReadOnlyList<TimeSpan> sample) =>
        [.. sample.Select(d => Math.Log(Math.Max(d.TotalMicroseconds, 1))).Order().Take((int)Math.Ceiling(sample.Count * 0.95))];

    private static (double Mean, double Variance) MeanAndVariance(List<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, variance);
    }
}
