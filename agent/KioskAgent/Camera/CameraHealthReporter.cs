using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Devices;
using Microsoft.Extensions.Options;

namespace KioskAgent.Camera;

/// <summary>
/// The camera in the kiosk's device list (kioskctl devices, the MQTT health report, gRPC health):
/// kind "camera", driver = the configured kind. A failure is logged when its reason changes, not per
/// frame (a camera unplugged for an hour would otherwise log every retry).
/// </summary>
public sealed partial class CameraHealthReporter(DeviceHealthRegistry registry, IOptions<CameraOptions> options, ILogger<CameraHealthReporter> logger)
{
    public const string Kind = "camera";

    private readonly CameraOptions _options = options.Value;

    public DeviceHealthReport? Current => registry.Get(_options.Id);

    public void Starting() => registry.Report(_options.Id, Kind, _options.Kind, DeviceState.Absent, "starting");

    /// <param name="source">Which camera, e.g. "v4l2:/dev/v4l/by-id/usb-…-video-index0": one picked from discovery shows in the device list.</param>
    public void Ok(string source) => registry.Report(_options.Id, Kind, _options.Kind, DeviceState.Ok, $"ok: {source}");

    public void Failed(DeviceHealth health)
    {
        var before = registry.Get(_options.Id);
        var reason = $"{health.Reason}: {health.Detail}";
        registry.Report(_options.Id, Kind, _options.Kind, health.State, reason);
        if (before?.Reason != reason)
        {
            LogFailed(_options.Id, health.Reason, health.Detail);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: {Reason} ({Detail})")]
    private partial void LogFailed(string cameraId, string reason, string detail);
}
