namespace KioskAgent.Hardware.Devices;

/// <summary>A binding's health as the agent reads it.</summary>
/// <param name="Reason">Stable, machine-readable, e.g. "ok", "paper_end", "write_failed" (each binding lists its own).</param>
/// <param name="Detail">What happened, for logs and the technician; never personal data.</param>
public sealed record DeviceHealth(DeviceState State, string Reason, string Detail);
