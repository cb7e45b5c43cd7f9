namespace KioskAgent.Hardware.Camera;

/// <summary>
/// How the camera is doing. The values match the agent's <c>KioskAgent.Devices.Health.DeviceState</c>
/// so the agent maps them by cast; the binding keeps its own copy to stay independent.
/// </summary>
public enum DeviceState
{
    /// <summary>Working.</summary>
    Ok = 1,

    /// <summary>Working, but a person should look at it soon.</summary>
    Degraded = 2,

    /// <summary>Present but not working (capture fails, garbage frames).</summary>
    Fault = 3,

    /// <summary>Configured but not there (no /dev/videoN, capture tool or libzbar missing).</summary>
    Absent = 4,
}
