namespace KioskAgent.Hardware.Devices;

/// <summary>
/// A kind of device the agent can be configured with, as its binding registers it: the name
/// configuration uses, what it can do, and (through <see cref="DeviceKind{TSettings, TDevice}"/>)
/// its settings type and factory. The agent only talks to this interface, so adding a kind needs
/// no change to any agent switch.
/// </summary>
public interface IDeviceKind
{
    /// <summary>The value of <c>Kind</c> in configuration, e.g. "Pcsc"; compared ignoring case.</summary>
    string Name { get; }

    /// <summary>The device type the factory returns, e.g. <c>ICardReader</c>.</summary>
    Type DeviceType { get; }

    DeviceCapabilities Capabilities { get; }

    /// <summary>A settings object with its defaults, for the agent to bind the device's configuration section onto.</summary>
    object NewSettings();

    /// <summary>Everything wrong with bound settings, each naming its key (e.g. "ReaderName is required for a Pcsc reader.").</summary>
    IEnumerable<string> Problems(object settings);

    /// <summary>Opens the device. Throws when the hardware is missing; the agent reports that as the device's health and retries.</summary>
    object Create(DeviceContext context, object settings);
}
