namespace KioskAgent.Hardware.Devices;

/// <summary>What the agent hands a kind's factory besides the kind's own settings.</summary>
/// <param name="DeviceId">The configured id, e.g. "member-1"; events and health carry it.</param>
/// <param name="Discovered">
/// The addresses discovery found on a bus in its latest pass (e.g. "video": USB cameras' capture
/// nodes), for a kind configured without an address to take one; null where no discovery runs.
/// </param>
public sealed record DeviceContext(string DeviceId, TimeProvider Time, Func<string, IReadOnlyList<string>>? Discovered = null);
