using System.Globalization;
using System.Text;

namespace KioskAgent.Benchmarks.Budget;

/// <summary>The one table <c>./build.sh --target=Bench</c> prints: every benchmark's key numbers against their targets.</summary>
public static class BudgetTable
{
    public static string Format(IReadOnlyList<BudgetRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| benchmark | measure | measured (median, spread) | baseline in the same run | ratio | target | result |");
        text.AppendLine("|---|---|---:|---:|---:|---|---|");
        foreach (var row in rows)
        {
            var measured = row.NotRun ?? row.Measured.Format(row.Unit, row.Decimals);
            var baseline = row.Baseline is { Count: > 0 } b ? $"{row.BaselineName}: {b.Format(row.Unit, row.Decimals)}" : "–";
            text.Append("| ").Append(row.Benchmark)
                .Append(" | ").Append(row.Measure)
                .Append(" | ").Append(measured)
                .Append(" | ").Append(baseline)
                .Append(" | ").Append(Ratio(row))
                .Append(" | ").Append(row.Target.Describe(row.Unit))
                .Append(" | ").Append(row.Verdict)
                .AppendLine(" |");
        }

        var judged = rows.Where(r => r.Passed is not null).ToList();
        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Budget: {judged.Count(r => r.Passed == true)} met, {judged.Count(r => r.Passed == false)} missed, ")
            .Append(CultureInfo.InvariantCulture, $"{rows.Count(r => r.NotRun is not null)} not run, {rows.Count - judged.Count - rows.Count(r => r.NotRun is not null)} recorded without a target.");
        return text.ToString();
    }

    public static bool AnyMissed(IEnumerable<BudgetRow> rows) => rows.Any(r => r.Passed == false);

    private static string Ratio(BudgetRow row) =>
        row.NotRun is null && row.Baseline is { Count: > 0 } b && b.Median > 0 && row.Measured.Count > 0
            ? (row.Measured.Median / b.Median).ToString("0.00", CultureInfo.InvariantCulture) + "×"
            : "–";
}
