namespace KioskAgent.Devices.Health;

/// <summary>How a device is doing, from the kiosk's point of view.</summary>
public enum DeviceState
{
    /// <summary>Working.</summary>
    Ok = 1,

    /// <summary>Working with a problem a person should look at (paper near end, weak card identity).</summary>
    Degraded = 2,

    /// <summary>Present but not working (paper out, cover open, reader errors).</summary>
    Fault = 3,

    /// <summary>Configured or expected but not found.</summary>
    Absent = 4,
}
