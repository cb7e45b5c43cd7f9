namespace KioskAgent.Hardware.Gpio;

/// <summary>
/// How the signal outputs are doing. The values match the agent's <c>KioskAgent.Devices.Health.DeviceState</c>
/// so the agent maps them by cast; the binding keeps its own copy to stay independent.
/// </summary>
public enum DeviceState
{
    /// <summary>Working.</summary>
    Ok = 1,

    /// <summary>Working, but a person should look at it soon (an output failed to open).</summary>
    Degraded = 2,

    /// <summary>Present but not working (pin writes fail).</summary>
    Fault = 3,

    /// <summary>Configured but not there (no matching GPIO chip).</summary>
    Absent = 4,
}
