using KioskAgent.Hardware.Devices;

namespace KioskAgent.Devices.Kinds;

/// <summary>Binds a device's configuration section onto its kind's settings.</summary>
public static class DeviceSettings
{
    /// <summary>The bound settings, or null with the binder's own message (it names the key and the value).</summary>
    public static (object? Settings, string? Problem) Bind(IDeviceKind kind, IConfigurationSection section)
    {
        var settings = kind.NewSettings();
        try
        {
            section.Bind(settings);
            return (settings, null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }
    }
}
