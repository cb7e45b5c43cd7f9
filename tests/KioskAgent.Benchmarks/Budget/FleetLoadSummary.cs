using System.Globalization;
using System.Text.RegularExpressions;

namespace KioskAgent.Benchmarks.Budget;

/// <summary>The budget's rows from fleet-load.sh's output (the report of <c>kioskctl fleet simulate</c>).</summary>
public static partial class FleetLoadSummary
{
    /// <param name="kiosks">Kiosks simulated.</param>
    /// <param name="tapsPerMinute">Taps per minute per kiosk: the offered load is kiosks × rate / 60.</param>
    public static IReadOnlyList<BudgetRow> Rows(string output, int kiosks, double tapsPerMinute)
    {
        var fleet = $"{kiosks:N0} kiosks × {tapsPerMinute:0.#}/min";
        var rows = new List<BudgetRow>();
        if (Sent().Match(output) is { Success: true } sent)
        {
            rows.Add(new BudgetRow("fleet-load", $"transactions/s, {fleet}", "tx/s", 1, Stat.Of(Number(sent.Groups["rate"])), Stat.Of(kiosks * tapsPerMinute / 60), "offered load", BudgetTarget.AtLeastTimesBaseline(0.95)));
        }

        if (Unacked().Match(output) is { Success: true } unacked)
        {
            rows.Add(new BudgetRow("fleet-load", $"transactions unacked after the drain, {fleet}", "", 0, Stat.Of(Number(unacked.Groups["n"])), null, null, BudgetTarget.AtMost(0)));
        }

        if (AckLatency().Match(output) is { Success: true } ack)
        {
            rows.Add(new BudgetRow("fleet-load", $"publish → central's ack p50, {fleet}", "ms", 1, Stat.Of(Number(ack.Groups["p50"])), null, null, BudgetTarget.None));
            rows.Add(new BudgetRow("fleet-load", $"publish → central's ack p99, {fleet}", "ms", 1, Stat.Of(Number(ack.Groups["p99"])), null, null, BudgetTarget.None));
        }

        return rows.Count > 0 ? rows : [BudgetRow.Skipped("fleet-load", $"transactions/s, {fleet}", BudgetTarget.AtLeastTimesBaseline(0.95), "no simulator report in the output")];
    }

    private static double Number(Group group) => double.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"transactions sent\s+\d+ \((?<rate>[0-9.]+)/s")]
    private static partial Regex Sent();

    [GeneratedRegex(@"unacked after drain (?<n>\d+)")]
    private static partial Regex Unacked();

    [GeneratedRegex(@"ack latency\s+p50 (?<p50>[0-9.]+) ms, p90 [0-9.]+ ms, p99 (?<p99>[0-9.]+) ms")]
    private static partial Regex AckLatency();
}
