using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Devices.Discovery;

/// <summary>A device a driver has open. Disposed when the device disappears or the agent stops.</summary>
public interface IConnectedDevice : IDisposable
{
    /// <summary>The device's current state and why; polled once per discovery pass.</summary>
    (DeviceState State, string Reason) CheckHealth();
}
