using System.Globalization;
using System.Text;

namespace KioskAgent.Benchmarks.OutboxDrain;

/// <summary>
/// The Markdown report: every run, then medians and the agent / mosquitto_pub ratio over the runs
/// that did not stall (a stalled run measures the stall, not the publisher).
/// </summary>
public static class OutboxDrainReport
{
    public static string Render(OutboxDrainOptions options, IReadOnlyList<DrainRun> runs, string loadAtStart, string loadAtEnd)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"{options.Transactions} transactions per run, {options.Runs} runs, agent window {options.InFlight}, central ack batch {options.AckBatch}, {Environment.ProcessorCount} cores; a run is stalled when central gets nothing for {options.Stall.TotalSeconds:0.#} s while transactions are outstanding; load average {loadAtStart} at the start and {loadAtEnd} at the end.");
        s.AppendLine();
        s.AppendLine("| run | publisher | measured until | s | tx/s | mosquitto_pub wall s / agent outbox empty s | messages at central | out of order | longest gap s |");
        s.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            var until = r.IsAgent ? "central's ack covers all" : "central received all";
            s.AppendLine(CultureInfo.InvariantCulture, $"| {r.Run} | {r.Publisher} | {until} | {r.Seconds:0.000} | {r.Rate:0} | {r.Other:0.000} | {r.Messages} | {r.OutOfOrder} | {r.LongestGapSeconds:0.000}{(r.Stalled ? " STALLED" : "")} |");
        }

        var sound = runs.Where(r => !r.Stalled).ToList();
        var pub = Median(sound.Where(r => !r.IsAgent).Select(r => r.Rate));
        var agent = Median(sound.Where(r => r.IsAgent).Select(r => r.Rate));
        s.AppendLine();
        var stalled = runs.Count - sound.Count;
        if (stalled > 0)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"{stalled} of {runs.Count} runs stalled and are left out of the medians.");
        }

        s.AppendLine(double.IsNaN(pub) || double.IsNaN(agent)
            ? FormattableString.Invariant($"Median: mosquitto_pub {pub:0} tx/s received by central, agent {agent:0} tx/s acknowledged by central; no ratio: one side has no run that did not stall.")
            : FormattableString.Invariant($"Median: mosquitto_pub {pub:0} tx/s received by central, agent {agent:0} tx/s acknowledged by central; agent / mosquitto_pub = {agent / pub:0.00}×."));
        return s.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
