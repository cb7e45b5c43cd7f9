namespace Kioskctl.Fleet.Simulation;

/// <summary>What `kioskctl fleet simulate` runs: how many kiosks, how busy, for how long.</summary>
public sealed record SimulationOptions
{
    public int Kiosks { get; init; } = 100;

    public int Sites { get; init; } = 10;

    /// <summary>Traffic phase, counted from the start (the connect ramp is part of it).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time over which the kiosks connect, spread evenly.</summary>
    public TimeSpan Ramp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Card taps per kiosk per minute (Poisson arrivals).</summary>
    public double RatePerMinute { get; init; } = 6;

    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A transaction not acknowledged by central this long after its publish is sent again.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After the traffic phase: how long to wait for the last acks.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>MQTT 5 will delay, as the agent's Central:WillDelaySeconds: a short blip raises no "offline".</summary>
    public TimeSpan WillDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>MQTT 5 session expiry of each kiosk's persistent session (clean start false).</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Share of kiosks whose receipt printer reports paper_end (so the fleet view has faults to show).</summary>
    public double FaultShare { get; init; } = 0.01;

    /// <summary>Share of taps refused (card lost, frozen, unknown, expired).</summary>
    public double RefusedShare { get; init; } = 0.05;

    public int Seed { get; init; } = 1;

    /// <summary>Prefix of simulated site and kiosk ids: {prefix}-site-01, {prefix}-k0001.</summary>
    public string IdPrefix { get; init; } = "sim";

    /// <summary>On exit, clear the kiosks' retained state and health instead of leaving "offline".</summary>
    public bool ClearRetained { get; init; }

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Other processes to report CPU and RSS of (e.g. broker, central), by name.</summary>
    public IReadOnlyList<(string Name, int Pid)> Measure { get; init; } = [];

    public string SiteId(int index) => $"{IdPrefix}-site-{index % Math.Max(1, Sites) + 1:00}";

    public string KioskId(int index) => $"{IdPrefix}-k{index + 1:0000}";
}
