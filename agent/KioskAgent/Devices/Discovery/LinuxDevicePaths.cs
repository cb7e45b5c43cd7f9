namespace KioskAgent.Devices.Discovery;

/// <summary>
/// Where the buses put their device nodes on Linux; by-id paths so ids survive replugs. Only buses
/// something uses: serial ports and USB printers for the printer driver, USB cameras as camera
/// candidates (udev's by-id link to a camera's capture node ends in -video-index0; its metadata
/// nodes are not cameras). Keyboard-wedge readers are configured by path, so /dev/input is not scanned.
/// </summary>
public static class LinuxDevicePaths
{
    private static readonly (string Bus, string[] Patterns)[] Buses =
    [
        ("serial", ["/dev/serial/by-id/*"]),
        ("usb-printer", ["/dev/usb/lp*"]),
        ("video", ["/dev/v4l/by-id/*-video-index0"]),
    ];

    /// <param name="root">The file system root; tests use a fake tree.</param>
    public static IReadOnlyList<IDeviceInterface> Interfaces(string root = "/") =>
        [.. Buses.Select(b => new DevicePathInterface(b.Bus, b.Patterns, root))];
}
