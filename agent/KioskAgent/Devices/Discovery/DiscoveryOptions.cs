namespace KioskAgent.Devices.Discovery;

/// <summary>Section "Devices:Discovery".</summary>
public sealed class DiscoveryOptions
{
    public const string Section = "Devices:Discovery";

    /// <summary>How often the device set is re-enumerated; a replug is noticed within one period.</summary>
    public int PeriodMs { get; set; } = 2_000;

    /// <summary>Scan /dev for serial ports, USB printers, input and video devices.</summary>
    public bool ScanDevicePaths { get; set; } = true;

    public List<PinnedDevice> Pinned { get; set; } = [];
}
