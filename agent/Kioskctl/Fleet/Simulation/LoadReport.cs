using System.Globalization;

namespace Kioskctl.Fleet.Simulation;

/// <summary>
/// The end-of-run report of `fleet simulate`, and its verdict: every kiosk connected, every
/// transaction acknowledged by the end of the drain, and the backlog did not grow while all kiosks
/// were busy (the sign of a central that does not keep up).
/// </summary>
public static class LoadReport
{
    public static int Write(SimulationResult result, LoadStats stats, TextWriter output)
    {
        var o = result.Options;
        var c = CultureInfo.InvariantCulture;
        var rampEnd = o.Ramp;
        var trafficEnd = (result.TrafficEndedAt ?? result.DrainedAt) - result.StartedAt;
        var grew = stats.Backlog.Grew(rampEnd, trafficEnd, stats.Transactions);
        var slope = stats.Backlog.SlopePerSecond(rampEnd, trafficEnd);
        var traffic = trafficEnd.TotalSeconds > 0 ? stats.Transactions / trafficEnd.TotalSeconds : 0;
        var connectedIn = result.AllConnectedAt is { } all ? $" (all after {Duration.Format(all - result.StartedAt)})" : "";
        var drainTime = result.TrafficEndedAt is { } ended ? $" (drained in {Duration.Format(result.DrainedAt - ended)})" : "";
        var thin = string.Join(", ", stats.Backlog.Thin(12).Select(s => string.Create(c, $"{s.At.TotalSeconds:0}s:{s.Backlog}")));

        output.WriteLine();
        output.WriteLine(string.Create(c, $"kiosks connected    {stats.EverConnected}/{o.Kiosks}{connectedIn}; connect failures {stats.ConnectFailures}, disconnects {stats.Disconnects}"));
        if (stats.LastConnectError is { } error)
        {
            output.WriteLine($"last connect error  {error}");
        }

        output.WriteLine(string.Create(c, $"transactions sent   {stats.Transactions} ({traffic:0.0}/s over {trafficEnd.TotalSeconds:0} s); publishes {stats.Publishes}, resends {stats.Resends}"));
        output.WriteLine(string.Create(c, $"transactions acked  {stats.Acked}; unacked after drain {result.UnackedAfterDrain}{drainTime}; redundant acks {stats.RedundantAcks}"));
        output.WriteLine(string.Create(c, $"ack latency         p50 {stats.AckLatency.Percentile(50):0.0} ms, p90 {stats.AckLatency.Percentile(90):0.0} ms, p99 {stats.AckLatency.Percentile(99):0.0} ms, max {stats.AckLatency.Percentile(100):0.0} ms (first publish to ack, n={stats.AckLatency.Count})"));
        output.WriteLine(string.Create(c, $"backlog (unacked)   max {stats.Backlog.Max(rampEnd, trafficEnd)} after the ramp, trend {slope:+0.00;-0.00;0.00} tx/s: {(grew ? "GROWING" : "steady")}"));
        output.WriteLine($"backlog samples     {thin}");
        output.WriteLine(string.Create(c, $"health reports      {stats.HealthReports}; commands answered {stats.CommandsAnswered}; unexpected inbound {stats.MalformedInbound}; publish failures {stats.LoopFailures}"));
        if (stats.LastLoopError is { } loopError)
        {
            output.WriteLine($"last publish error  {loopError}");
        }

        foreach (var process in result.Processes)
        {
            output.WriteLine($"process             {process}");
        }

        var failures = new List<string>();
        if (stats.EverConnected < o.Kiosks)
        {
            failures.Add($"{o.Kiosks - stats.EverConnected} kiosks never connected");
        }

        if (result.UnackedAfterDrain > 0)
        {
            failures.Add($"{result.UnackedAfterDrain} transactions unacknowledged after the drain");
        }

        if (grew)
        {
            failures.Add("the backlog grew while the fleet was busy");
        }

        if (result.Interrupted)
        {
            failures.Add("interrupted");
        }

        output.WriteLine(failures.Count == 0 ? "result: OK, central kept up" : $"result: FAILED: {string.Join("; ", failures)}");
        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
