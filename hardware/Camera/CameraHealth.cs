using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Camera;

/// <summary>The camera's usual health values.</summary>
public static class CameraHealth
{
    public static DeviceHealth NotChecked { get; } = new(DeviceState.Absent, CameraReasons.NotChecked, "no frame was taken yet");

    public static DeviceHealth Ok { get; } = new(DeviceState.Ok, CameraReasons.Ok, "last capture succeeded");
}
