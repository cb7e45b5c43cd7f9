namespace Kioskctl.Fleet.Simulation;

/// <summary>
/// Runs a simulated fleet against a broker: connects the kiosks over the ramp, lets them tap until
/// the end of the traffic phase, waits (drain) for central to acknowledge what is left, then shuts
/// every kiosk down the way an agent does. Samples the backlog every second throughout.
/// </summary>
public sealed class FleetSimulation(BrokerSettings broker, SimulationOptions options, TimeProvider time, TextWriter output)
{
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromSeconds(1);

    public LoadStats Stats { get; } = new();

    public async Task<SimulationResult> RunAsync(CancellationToken cancellationToken)
    {
        var start = time.GetUtcNow();
        var trafficEnd = start + options.Duration;
        // Each kiosk's session_seq must grow across runs without a store: start from the clock.
        var firstSessionSeq = (ulong)start.ToUnixTimeMilliseconds();
        var watches = options.Measure.Select(m => new ProcessWatch(m.Name, m.Pid)).Append(new ProcessWatch("simulator", Environment.ProcessId)).ToList();
        var kiosks = Enumerable.Range(0, options.Kiosks)
            .Select(i => new SimulatedKiosk(options.SiteId(i), options.KioskId(i), firstSessionSeq, broker, options, Stats, new Random(unchecked((options.Seed * 1_000_003) + i)), time))
            .ToList();
        var result = new SimulationResult(options, start);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(start, result, watches, sampling.Token);
        var loops = new List<Task>(kiosks.Count);
        try
        {
            await output.WriteLineAsync($"fleet simulate: {options.Kiosks} kiosks at {options.Sites} sites on {broker.Host}:{broker.Port}, {options.RatePerMinute:0.##} taps/min each, traffic {Duration.Format(options.Duration)} (ramp {Duration.Format(options.Ramp)}), drain up to {Duration.Format(options.Drain)}");
            for (var i = 0; i < kiosks.Count; i++)
            {
                await DelayUntilAsync(start + (options.Ramp * i / kiosks.Count), run.Token);
                loops.Add(kiosks[i].RunAsync(trafficEnd, run.Token));
            }

            await DelayUntilAsync(trafficEnd, run.Token);
            result.TrafficEndedAt = time.GetUtcNow();
            await output.WriteLineAsync($"traffic over: {Stats.Transactions} sent, {Stats.Unacked} unacknowledged; draining");
            // Kiosks still connecting (a slow ramp, a busy broker) get the drain period too.
            while ((Stats.Unacked > 0 || Stats.EverConnected < options.Kiosks) && time.GetUtcNow() < trafficEnd + options.Drain)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, run.Token);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result.Interrupted = true;
        }

        result.DrainedAt = time.GetUtcNow();
        result.UnackedAfterDrain = Stats.Unacked;
        await run.CancelAsync();
        await Task.WhenAll(loops);
        await Parallel.ForEachAsync(kiosks, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (kiosk, _) =>
        {
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await kiosk.StopAsync(options.ClearRetained, stopTimeout.Token);
            await kiosk.DisposeAsync();
        });
        await sampling.CancelAsync();
        await sampler;
        result.EndedAt = time.GetUtcNow();
        result.Processes = [.. watches.Select(w => w.Format(result.EndedAt - start))];
        return result;
    }

    private async Task SampleAsync(DateTimeOffset start, SimulationResult result, IReadOnlyList<ProcessWatch> watches, CancellationToken cancellationToken)
    {
        var nextProgress = start + options.ProgressInterval;
        while (true)
        {
            var now = time.GetUtcNow();
            Stats.Backlog.Add(now - start, Stats.Unacked);
            foreach (var watch in watches)
            {
                watch.Sample();
            }

            if (result.AllConnectedAt is null && Stats.EverConnected == options.Kiosks)
            {
                result.AllConnectedAt = now;
                await output.WriteLineAsync($"all {options.Kiosks} kiosks connected after {Duration.Format(now - start)}");
            }

            if (now >= nextProgress)
            {
                await output.WriteLineAsync($"t={(now - start).TotalSeconds:0}s connected {Stats.Connected}/{options.Kiosks}, tx sent {Stats.Transactions}, acked {Stats.Acked}, backlog {Stats.Unacked}, resends {Stats.Resends}");
                nextProgress += options.ProgressInterval;
            }

            try
            {
                await Task.Delay(SamplePeriod, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task DelayUntilAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var wait = at - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
