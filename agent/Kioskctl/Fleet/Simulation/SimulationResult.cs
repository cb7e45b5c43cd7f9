namespace Kioskctl.Fleet.Simulation;

/// <summary>When the phases of a simulation run ended, and what was left.</summary>
public sealed class SimulationResult(SimulationOptions options, DateTimeOffset startedAt)
{
    public SimulationOptions Options { get; } = options;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset? AllConnectedAt { get; set; }

    public DateTimeOffset? TrafficEndedAt { get; set; }

    public DateTimeOffset DrainedAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    public long UnackedAfterDrain { get; set; }

    /// <summary>Stopped by Ctrl+C before the end.</summary>
    public bool Interrupted { get; set; }

    public IReadOnlyList<string> Processes { get; set; } = [];
}
