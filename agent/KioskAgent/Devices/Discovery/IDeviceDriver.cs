namespace KioskAgent.Devices.Discovery;

/// <summary>
/// Claims devices it supports and connects to them. When several drivers claim a device, the
/// highest priority wins; a driver that cannot tell returns null.
/// </summary>
public interface IDeviceDriver
{
    string Name { get; }

    /// <summary>Kind of device this driver produces ("printer", "card_reader", ...).</summary>
    string Kind { get; }

    /// <summary>The priority with which this driver wants <paramref name="device"/>, or null.</summary>
    int? Claim(DiscoveredDevice device);

    /// <summary>Opens the device. Failures are thrown; the manager records them as a fault and retries next pass.</summary>
    IConnectedDevice Connect(DiscoveredDevice device);
}
