using System.Globalization;
using System.Text;

namespace KioskAgent.Benchmarks.HostileFlood;

/// <summary>The Markdown report of a hostile-flood run.</summary>
public static class HostileFloodReport
{
    public static string Render(HostileFloodOptions options, HostileFloodResult r, string loadAtStart, string loadAtEnd)
    {
        var s = new StringBuilder();
        var environment = options.Environment.Count == 0 ? "none" : string.Join(' ', options.Environment.Select(e => $"{e.Key}={e.Value}"));
        s.AppendLine(CultureInfo.InvariantCulture, $"{options.Messages} × {options.MessageBytes / 1e6:0.#} MB QoS 0 on the member topics, then one {options.HugeBytes / 1e6:0} MB QoS 1 command; {Environment.ProcessorCount} cores; runtime settings: {environment}; load average {loadAtStart} at the start and {loadAtEnd} at the end.");
        s.AppendLine();
        s.AppendLine("| agent resident set | MB |");
        s.AppendLine("|---|---:|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| idle, before the flood (floor) | {Mb(r.IdleRss)} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| peak during the flood (VmRSS sampled every 50 ms) | {Mb(r.PeakRss)} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| kernel high-water mark (VmHWM, whole life) | {Mb(r.HighWater)} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| {options.AfterSeconds} s after the flood | {Mb(r.AfterRss)} |");
        s.AppendLine();
        var peak = Math.Max(r.PeakRss, r.HighWater) / 1048576.0;
        s.AppendLine(CultureInfo.InvariantCulture, $"Bound: peak {peak:0} MB against {options.BoundMb} MB: **{(peak <= options.BoundMb ? "met" : "NOT met")}**.");
        s.AppendLine();
        var sorted = r.TapLatencies.Order().ToList();
        s.AppendLine(CultureInfo.InvariantCulture, $"Flood worked through in {r.FloodSeconds:0.0} s; {sorted.Count} taps during it, every one answered with the member: tap to answer median {Percentile(sorted, 0.5):0} ms, 95th percentile {Percentile(sorted, 0.95):0} ms, max {(sorted.Count == 0 ? 0 : sorted[^1]):0} ms.");
        s.AppendLine(CultureInfo.InvariantCulture, $"Ping after the flood: {(r.PingAnswered ? "answered" : "NOT answered")} in {r.PingMilliseconds:0} ms; agent {(r.AgentExited ? "EXITED" : "alive")}.");
        s.AppendLine(CultureInfo.InvariantCulture, $"Counters: {string.Join(", ", r.Counters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} = {c.Value}"))}.");
        return s.ToString();
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
