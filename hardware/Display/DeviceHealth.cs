namespace KioskAgent.Hardware.Display;

/// <summary>The display's health as the agent reads it.</summary>
/// <param name="Reason">Stable, machine-readable, e.g. "ok", "not_connected", "write_failed", "permission_denied".</param>
/// <param name="Detail">What happened, for logs; never personal data.</param>
public sealed record DeviceHealth(DeviceState State, string Reason, string Detail)
{
    public static DeviceHealth Ok { get; } = new(DeviceState.Ok, "ok", "last write succeeded");

    public static DeviceHealth NotOpened { get; } = new(DeviceState.Absent, "not_opened", "nothing was shown yet");
}
