using System.Text.Json.Serialization;

namespace KioskAgent.Benchmarks.Budget;

/// <summary>
/// One line of the budget table: a measurement of one benchmark, the baseline (floor) measured in
/// the same run when there is one, and the target.
/// </summary>
/// <param name="Benchmark">The benchmark's command name, e.g. <c>idle-cost</c>.</param>
/// <param name="Measure">What was measured, e.g. "cold start to SERVING, demo mode".</param>
/// <param name="Unit">Unit of <paramref name="Measured"/> and <paramref name="Baseline"/>.</param>
/// <param name="BaselineName">What the baseline is, e.g. "minimal gRPC host"; null without one.</param>
/// <param name="NotRun">Why the benchmark could not run here (e.g. a machine-wide resource is busy); null when it ran.</param>
public sealed record BudgetRow(
    string Benchmark,
    string Measure,
    string Unit,
    int Decimals,
    Stat Measured,
    Stat? Baseline,
    string? BaselineName,
    BudgetTarget Target,
    string? NotRun = null)
{
    public static BudgetRow Skipped(string benchmark, string measure, BudgetTarget target, string why) =>
        new(benchmark, measure, "", 0, new Stat([]), null, null, target, why);

    [JsonIgnore]
    public bool? Passed => NotRun is null ? Target.Judge(Measured, Baseline) : null;

    [JsonIgnore]
    public string Verdict => NotRun is not null ? "not run"
        : Passed switch
        {
            true => "pass",
            false => "**FAIL**",
            null when Target.Bound == BudgetTarget.Kind.Report => "–",
            null => "no data",
        };
}
