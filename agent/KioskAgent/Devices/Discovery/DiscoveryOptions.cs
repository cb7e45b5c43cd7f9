namespace KioskAgent.Devices.Discovery;

/// <summary>Section "Devices:Discovery".</summary>
public sealed class DiscoveryOptions
{
    public const string Section = "Devices:Discovery";

    /// <summary>
    /// How often the device set is re-enumerated; a replug is noticed within one period. Each pass
    /// wakes the idle agent (a timer, a thread-pool worker), so the default is a technician's
    /// "plug it in and look" rather than a poll as fast as the machine allows.
    /// </summary>
    public int PeriodMs { get; set; } = 5_000;

    /// <summary>Scan /dev for serial ports, USB printers, input and video devices.</summary>
    public bool ScanDevicePaths { get; set; } = true;

    public List<PinnedDevice> Pinned { get; set; } = [];
}
