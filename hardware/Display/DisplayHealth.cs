using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Display;

/// <summary>The display's usual health values; reasons: "ok", "not_opened", "not_connected", "write_failed", "permission_denied".</summary>
public static class DisplayHealth
{
    public static DeviceHealth Ok { get; } = new(DeviceState.Ok, "ok", "last write succeeded");

    public static DeviceHealth NotOpened { get; } = new(DeviceState.Absent, "not_opened", "nothing was shown yet");
}
