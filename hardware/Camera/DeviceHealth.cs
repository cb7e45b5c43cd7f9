namespace KioskAgent.Hardware.Camera;

/// <summary>The camera's health as the agent reads it.</summary>
/// <param name="Reason">Stable, machine-readable (see <see cref="CameraReasons"/>).</param>
/// <param name="Detail">What happened, for logs.</param>
public sealed record DeviceHealth(DeviceState State, string Reason, string Detail)
{
    public static DeviceHealth NotChecked { get; } = new(DeviceState.Absent, CameraReasons.NotChecked, "no frame was taken yet");

    public static DeviceHealth Ok { get; } = new(DeviceState.Ok, CameraReasons.Ok, "last capture succeeded");
}
