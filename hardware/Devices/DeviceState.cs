namespace KioskAgent.Hardware.Devices;

/// <summary>How a device is doing, from the kiosk's point of view. One vocabulary for every binding.</summary>
public enum DeviceState
{
    /// <summary>Working.</summary>
    Ok = 1,

    /// <summary>Working with a problem a person should look at soon (paper near end, weak card identity).</summary>
    Degraded = 2,

    /// <summary>Present but not working (paper out, cover open, writes or captures fail, reader errors).</summary>
    Fault = 3,

    /// <summary>Configured or expected but not there (device node, bus, chip or native library missing).</summary>
    Absent = 4,
}
