namespace KioskAgent.Hardware.Devices;

/// <summary>What the agent hands a kind's factory besides the kind's own settings.</summary>
/// <param name="DeviceId">The configured id, e.g. "member-1"; events and health carry it.</param>
public sealed record DeviceContext(string DeviceId, TimeProvider Time);
