namespace KioskAgent.Central.Fleet.Load;

/// <summary>Unacknowledged transactions across the simulated fleet at a moment of the run.</summary>
public sealed record BacklogSample(TimeSpan At, long Backlog);
