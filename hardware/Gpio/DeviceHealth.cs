namespace KioskAgent.Hardware.Gpio;

/// <summary>The signal outputs' health as the agent reads it.</summary>
/// <param name="Reason">Stable, machine-readable: "ok", "pin_unavailable", "pin_write_failed", "chip_not_found".</param>
/// <param name="Detail">What happened, for logs.</param>
public sealed record DeviceHealth(DeviceState State, string Reason, string Detail)
{
    public static DeviceHealth Ok { get; } = new(DeviceState.Ok, "ok", "all configured outputs open");
}
