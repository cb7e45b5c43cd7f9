namespace KioskAgent.Hardware.Gpio.Patterns;

/// <summary>A named sequence of steps; everything is switched off after the last one.</summary>
public sealed record SignalPattern(string Name, IReadOnlyList<SignalStep> Steps)
{
    public TimeSpan Duration => Steps.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.Duration);

    /// <summary>
    /// Builds the steps from overlapping per-output intervals: a step boundary at every start and
    /// end, each step holding the outputs whose interval covers it.
    /// </summary>
    public static SignalPattern FromIntervals(string name, params IReadOnlyList<SignalInterval> intervals)
    {
        var boundaries = intervals.SelectMany(i => new[] { i.Start, i.End }).Append(TimeSpan.Zero).Distinct().Order().ToList();
        var steps = new List<SignalStep>();
        for (var b = 0; b < boundaries.Count - 1; b++)
        {
            var (from, to) = (boundaries[b], boundaries[b + 1]);
            var on = intervals.Where(i => i.Start <= from && i.End >= to).Aggregate(SignalOutput.None, (set, i) => set | i.Output);
            steps.Add(new SignalStep(on, to - from));
        }

        return new SignalPattern(name, steps);
    }
}
