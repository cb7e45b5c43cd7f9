using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Camera;
using Microsoft.Extensions.Options;
using CameraState = KioskAgent.Hardware.Camera.DeviceState;
using DeviceState = KioskAgent.Devices.Health.DeviceState;

namespace KioskAgent.Camera;

/// <summary>
/// The camera in the kiosk's device list (kioskctl devices, the MQTT health report, gRPC health):
/// kind "camera", driver = the configured kind. A failure is logged when its reason changes, not per
/// frame (a camera unplugged for an hour would otherwise log every retry).
/// </summary>
public sealed partial class CameraHealth(DeviceHealthRegistry registry, IOptions<CameraOptions> options, ILogger<CameraHealth> logger)
{
    public const string Kind = "camera";

    private readonly CameraOptions _options = options.Value;

    public Devices.Health.DeviceHealth? Current => registry.Get(_options.Id);

    public void Starting() => registry.Report(_options.Id, Kind, _options.Kind, DeviceState.Absent, "starting");

    public void Ok() => registry.Report(_options.Id, Kind, _options.Kind, DeviceState.Ok, "ok");

    public void Failed(Hardware.Camera.DeviceHealth health)
    {
        var before = registry.Get(_options.Id);
        var reason = $"{health.Reason}: {health.Detail}";
        registry.Report(_options.Id, Kind, _options.Kind, Map(health.State), reason);
        if (before?.Reason != reason)
        {
            LogFailed(_options.Id, health.Reason, health.Detail);
        }
    }

    private static DeviceState Map(CameraState state) => state switch
    {
        CameraState.Ok => DeviceState.Ok,
        CameraState.Degraded => DeviceState.Degraded,
        CameraState.Fault => DeviceState.Fault,
        _ => DeviceState.Absent,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: {Reason} ({Detail})")]
    private partial void LogFailed(string cameraId, string reason, string detail);
}
