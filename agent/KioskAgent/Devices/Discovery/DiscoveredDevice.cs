namespace KioskAgent.Devices.Discovery;

/// <summary>
/// A device found on a bus by an <see cref="IDeviceInterface"/>, keyed by an id that stays the same
/// across replugs where the bus allows it (by-id paths for serial/input, the reader name for PC/SC).
/// </summary>
/// <param name="Id">Stable id, prefixed by the bus, e.g. "serial:/dev/serial/by-id/usb-FTDI_..." or "pcsc:ACS ACR122U 00 00".</param>
/// <param name="Bus">The interface that found it: "usb-printer", "serial", "video" (USB cameras), "tcp-printer".</param>
/// <param name="Address">What a driver opens: a device path, a reader name, host:port.</param>
/// <param name="Pinned">Named in configuration: drivers may claim buses (such as serial) they could not recognise on their own.</param>
public sealed record DiscoveredDevice(string Id, string Bus, string Address, string Description, bool Pinned = false);
