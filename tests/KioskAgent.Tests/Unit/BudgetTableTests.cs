using KioskAgent.Benchmarks.Budget;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>The performance budget's judgement and table (./build.sh --target=Bench); no timing is measured here.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class BudgetTableTests
{
    [Fact]
    public void Stat_MedianAndSpread_OddAndEvenCounts()
    {
        Assert.Equal(2, Stat.Of(3, 1, 2).Median);
        Assert.Equal(2.5, Stat.Of(4, 1, 3, 2).Median);
        Assert.Equal("2.00 s (1.00–3.00, n=3)", Stat.Of(3, 1, 2).Format("s", 2));
        Assert.Equal("0.5 ms", Stat.Of(0.5).Format("ms", 1));
        Assert.Equal("–", new Stat([]).Format("ms", 1));
    }

    [Theory]
    [InlineData(1.9, true)]
    [InlineData(2.0, true)]
    [InlineData(2.01, false)]
    public void AtMostTimesBaseline_JudgesTheMedianAgainstTheBaselinesMedian(double measured, bool met)
    {
        var target = BudgetTarget.AtMostTimesBaseline(2);

        Assert.Equal(met, target.Judge(Stat.Of(measured, measured, 100), Stat.Of(1, 1, 0.1)));
    }

    [Fact]
    public void AbsoluteAndAtLeastBounds()
    {
        Assert.True(BudgetTarget.AtMost(100).Judge(Stat.Of(99.9), null));
        Assert.False(BudgetTarget.AtMost(100).Judge(Stat.Of(100.1), null));
        Assert.True(BudgetTarget.AtLeast(1).Judge(Stat.Of(1), null));
        Assert.False(BudgetTarget.AtLeastTimesBaseline(0.8).Judge(Stat.Of(79), Stat.Of(100)));
        Assert.True(BudgetTarget.AtLeastTimesBaseline(0.8).Judge(Stat.Of(80), Stat.Of(100)));
    }

    [Fact]
    public void NoVerdict_WithoutABound_AMeasurement_OrTheBaselineARelativeBoundNeeds()
    {
        Assert.Null(BudgetTarget.None.Judge(Stat.Of(1), null));
        Assert.Null(BudgetTarget.AtMost(1).Judge(new Stat([]), null));
        Assert.Null(BudgetTarget.AtMostTimesBaseline(2).Judge(Stat.Of(1), null));
        Assert.Null(BudgetTarget.AtMostTimesBaseline(2).Judge(Stat.Of(1), Stat.Of(0)));
    }

    [Fact]
    public void Table_ShowsBaselineRatioTargetAndVerdict_AndCountsThem()
    {
        BudgetRow[] rows =
        [
            new("idle-cost", "cold start", "s", 2, Stat.Of(0.6, 0.7, 0.8), Stat.Of(0.3, 0.3, 0.3), "minimal gRPC host", BudgetTarget.AtMostTimesBaseline(2)),
            new("idle-cost", "idle RSS", "MB", 1, Stat.Of(110), null, null, BudgetTarget.AtMost(100)),
            new("fleet-load", "ack p99", "ms", 1, Stat.Of(12), null, null, BudgetTarget.None),
            BudgetRow.Skipped("pcsc-tap", "tap p50", BudgetTarget.AtMostTimesBaseline(1.3), "pcscd busy"),
        ];

        var table = BudgetTable.Format(rows);

        Assert.Contains("| idle-cost | cold start | 0.70 s (0.60–0.80, n=3) | minimal gRPC host: 0.30 s (0.30–0.30, n=3) | 2.33× | ≤ 2× baseline | **FAIL** |", table, StringComparison.Ordinal);
        Assert.Contains("| idle-cost | idle RSS | 110.0 MB | – | – | ≤ 100 MB | **FAIL** |", table, StringComparison.Ordinal);
        Assert.Contains("| fleet-load | ack p99 | 12.0 ms | – | – | (recorded) | – |", table, StringComparison.Ordinal);
        Assert.Contains("| pcsc-tap | tap p50 | pcscd busy | – | – | ≤ 1.3× baseline | not run |", table, StringComparison.Ordinal);
        Assert.Contains("Budget: 0 met, 2 missed, 1 not run, 1 recorded without a target.", table, StringComparison.Ordinal);
        Assert.True(BudgetTable.AnyMissed(rows));
    }

    [Fact]
    public void Sink_RoundTripsRowsThroughTheFileTheRunnerReads()
    {
        var file = Path.Combine(TestPaths.NewTempDirectory("budget-sink"), "rows.jsonl");
        var row = new BudgetRow("qr-decode", "zbar CPU per frame", "ms", 2, Stat.Of(15.3), Stat.Of(7.0), "no decoder", BudgetTarget.AtMost(62));
        var previous = Environment.GetEnvironmentVariable(BudgetSink.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(BudgetSink.EnvironmentVariable, file);
            BudgetSink.Record(row);
            BudgetSink.Record(row with { Measured = Stat.Of(70) });
        }
        finally
        {
            Environment.SetEnvironmentVariable(BudgetSink.EnvironmentVariable, previous);
        }

        var read = BudgetSink.Read(file);

        Assert.Equal(2, read.Count);
        Assert.Equal(BudgetTarget.Kind.AtMost, read[0].Target.Bound);
        Assert.Equal([15.3], read[0].Measured.Samples);
        Assert.Equal("no decoder", read[0].BaselineName);
        Assert.True(read[0].Passed);
        Assert.False(read[1].Passed);
    }

    [Fact]
    public void FleetLoad_RowsFromTheSimulatorsReport()
    {
        const string report = """
            kiosks connected    100/100 (all after 2.1s); connect failures 0, disconnects 0
            transactions sent   1950 (97.5/s over 20 s); publishes 1950, resends 0
            transactions acked  1950; unacked after drain 0 (drained in 0.3s); redundant acks 0
            ack latency         p50 7.8 ms, p90 20.1 ms, p99 53.1 ms, max 80.0 ms (first publish to ack, n=1950)
            """;

        var rows = FleetLoadSummary.Rows(report, kiosks: 100, tapsPerMinute: 60);

        Assert.Equal(4, rows.Count);
        Assert.Equal(97.5, rows[0].Measured.Median);
        Assert.Equal(100, rows[0].Baseline!.Median);
        Assert.True(rows[0].Passed);
        Assert.Equal(0, rows[1].Measured.Median);
        Assert.True(rows[1].Passed);
        Assert.Equal(53.1, rows[3].Measured.Median);
        Assert.Equal("not run", FleetLoadSummary.Rows("mosquitto failed", 100, 60)[0].Verdict);
    }
}
