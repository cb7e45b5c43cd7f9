using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Gpio;

/// <summary>The signal outputs' usual health; reasons: "ok", "pin_unavailable", "pin_write_failed", "chip_not_found".</summary>
public static class SignalsHealth
{
    public static DeviceHealth Ok { get; } = new(DeviceState.Ok, "ok", "all configured outputs open");
}
