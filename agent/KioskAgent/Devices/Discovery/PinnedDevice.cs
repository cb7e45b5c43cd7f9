namespace KioskAgent.Devices.Discovery;

/// <summary>
/// A device named in configuration instead of discovered: always expected, reported Absent while
/// its path does not exist. Used for devices discovery cannot tell apart, or odd paths (e.g. a
/// serial adapter symlink, a network printer).
/// </summary>
public sealed class PinnedDevice
{
    public string Id { get; set; } = "";

    /// <summary>"serial", "usb-printer", "tcp-printer", ...</summary>
    public string Bus { get; set; } = "";

    /// <summary>Device path, or host:port for network devices.</summary>
    public string Address { get; set; } = "";

    /// <summary>Driver to use; empty lets drivers claim it by priority.</summary>
    public string Driver { get; set; } = "";
}
