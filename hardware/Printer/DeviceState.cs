namespace KioskAgent.Hardware.Printer;

/// <summary>
/// How the printer is doing. The values match the agent's <c>KioskAgent.Devices.Health.DeviceState</c>
/// so the agent maps them by cast; the binding keeps its own copy to stay independent.
/// </summary>
public enum DeviceState
{
    /// <summary>Working.</summary>
    Ok = 1,

    /// <summary>Working, but a person should look at it soon (paper near end).</summary>
    Degraded = 2,

    /// <summary>Present but not printing (paper end, cover open, offline, no status reply).</summary>
    Fault = 3,

    /// <summary>Configured but not there (device node missing, connection refused).</summary>
    Absent = 4,
}
